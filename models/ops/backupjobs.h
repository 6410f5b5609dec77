#pragma once
// Backup and verify as DbWorker jobs (submit(..., false): each opens what it needs), the operations `dbops
// backup` and `dbops verify` run (BackupService::backup, BackupVerifier::verify).
//
//   worker->submit("backup", BackupJobs::backup(target, request), false);
//   // jobFinished(id, v): v.value<BackupResult>();  jobFailed(id, error)
//   worker->submit("verify", BackupJobs::verify(path), false);
//   // jobFinished(id, v): v.value<VerifyOutcome>().report (verified() or its problems)
// Progress arrives as jobProgress; DbWorker::cancel(id) cancels.
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "worker/jobcontext.h"

#include <QMetaType>

namespace dbops {

// A VerifyReport in a QVariant (its metatype is declared once, here).
struct VerifyOutcome {
    VerifyReport report;
};

class BackupJobs {
public:
    static Job backup(const Target &target, const BackupRequest &request);
    static Job verify(const QString &backupPath, const VerifyOptions &options = {});
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::VerifyOutcome)
