#pragma once
// The Cleanup tab's maintenance operations as DbWorker jobs on the operations worker (submit(..., false):
// each opens its own sessions or touches only files), the same entry points `dbops maintain`, `locks`,
// `prune` and `sessions` call. A preview gives its plan; the confirmed step gives its result.
//
//   ops->submit("maintenance preview", MaintenanceJobs::preview(target, request), false);
//   // jobFinished(id, v): v.value<MaintenancePlan>();  then MaintenanceJobs::run → MaintenanceResult
//   ops->submit("scan lock files", StaleLockJobs::scan(target), false);        // LockScan
//   ops->submit("remove stale locks", StaleLockJobs::removeStale(scan), false); // QList<LockRemoval>
//   ops->submit("backup pruning preview", PruneJobs::plan(dir, rules), false);   // PrunePlan
//   ops->submit("prune backups", PruneJobs::apply(dir, rules, paths), false);    // PruneResult
//   ops->submit("leaked sessions", LeakJobs::preview(t, criteria, monitor), false);          // LeakPreview
//   ops->submit("terminate", LeakJobs::terminate(t, criteria, pids, action), false);          // LeakTermination
// A failure arrives as jobFailed(id, error).
#include "maintenance/backupprune.h"
#include "maintenance/leakedsessions.h"
#include "maintenance/maintenance.h"
#include "maintenance/stalelocks.h"
#include "worker/jobcontext.h"

namespace dbops {

class MaintenanceJobs {
public:
    static Job preview(const Target &target, const MaintenanceRequest &request);
    // Progress and cancel through the job; the result says done, refused, failed or cancelled.
    static Job run(const Target &target, const MaintenanceRequest &request);
};

class StaleLockJobs {
public:
    static Job scan(const Target &target); // the lock files of the target's folder
    static Job removeStale(const LockScan &scan);
};

class PruneJobs {
public:
    static Job plan(const QString &directory, const PruneRules &rules);
    // Deletes only `paths` (the confirmed preview) that are still due.
    static Job apply(const QString &directory, const PruneRules &rules, const QStringList &paths);
};

class LeakJobs {
public:
    static Job preview(const Target &target, const LeakCriteria &criteria, const SessionOptions &options);
    // Terminates only `pids` of a fresh preview (what the operator confirmed).
    static Job terminate(const Target &target, const LeakCriteria &criteria, const QList<int> &pids,
                         const SessionOptions &options);
};

} // namespace dbops
