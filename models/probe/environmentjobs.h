#pragma once
// Reading the bot's environment as DbWorker file jobs (submit(..., false)): the Environment tab's detection,
// and the launcher's, which also tries the detected target once so a dead one is reported, not opened.
//
//   files->submit("detect environment", EnvironmentJobs::detect(env, botDir, settingsJson), false);
//   // jobFinished(id, v): v.value<DetectionResult>();  jobFailed(id, error): nothing to detect
#include "connection/envdetector.h"
#include "worker/jobcontext.h"

#include <QMetaType>
#include <QProcessEnvironment>

namespace dbops {

struct DetectionResult {
    DetectedTarget detected;
    Error openError; // set when the detected target was tried and did not open
    // The detected SQLite file or data directory when nothing is at that path (looked at on the worker, so the
    // panel can say so without touching the disk); empty when it exists or the target is PostgreSQL.
    QString missingPath;
};

class EnvironmentJobs {
public:
    // QVariant(DetectionResult) (openError never set, missingPath set), or QVariant(Error).
    static Job detect(const QProcessEnvironment &env, const QString &botDir, const QString &settingsJson);
    // The same, then the detected target is tried: a SQLite file checked, a folder looked for, a PostgreSQL
    // server connected to (monitor session); what kept it from opening is openError.
    static Job detectAndTry(const QProcessEnvironment &env, const QString &botDir, const QString &settingsJson);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::DetectionResult)
