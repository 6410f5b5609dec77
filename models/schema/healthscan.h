#pragma once
// One health scan, the same from the Health tab and `dbops health`: scan the target, then, when the request
// names a history file and the scan read table sizes, append exactly one point to it (the growth chart).
//
//   HealthScanRequest r{target, SessionOptions::monitor(), options, HealthHistory::fileFor(target)};
//   auto scan = HealthScan::run(r, control);        // CLI: in the calling thread
//   worker->submit("health", HealthScan::job(r));    // GUI: jobFinished(id, v): v.value<HealthReport>()
//   worker->submit("health history", HealthScan::history(file), false); // v.value<QList<HealthSnapshot>>()
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "schema/healthhistory.h"
#include "schema/healthoptions.h"
#include "schema/healthreport.h"
#include "worker/jobcontext.h"
#include "worker/opcontrol.h"

namespace dbops {

struct HealthScanRequest {
    Target target;
    SessionOptions session = SessionOptions::monitor();
    HealthOptions options;
    QString historyFile; // empty: the scan is not recorded
};

struct HealthScanResult {
    HealthReport report;
    bool recorded = false; // a history point was appended
    Error historyError;    // the point could not be written (the report stands)
};

class HealthScan {
public:
    // In the calling thread. `db`: an open connection to a PostgreSQL target to scan on (a monitor worker's);
    // without one, the scan opens what the target needs. A SQLite scan always opens its own read-only handle,
    // which the control's cancel interrupts.
    static Expected<HealthScanResult> run(const HealthScanRequest &request, const OpControl &control = {},
                                          const QSqlDatabase &db = {});
    // As a DbWorker job on the target's worker: QVariant(HealthReport) or QVariant(Error). PostgreSQL scans run
    // on the worker's connection; a history point that cannot be written is logged, the report still shown.
    static WorkerJob job(const HealthScanRequest &request);
    // The growth chart's points, read from `historyFile` as a file job (submit(..., false)), so the GUI thread
    // never reads the disk: QVariant(QList<HealthSnapshot>), the newest `maxPoints`, oldest first.
    static Job history(const QString &historyFile, int maxPoints = 1000);
};

} // namespace dbops
