#pragma once
// The restore as DbWorker jobs for the GUI: preview first, then apply the plan once the operator has typed
// the confirmation. Both run without the worker's connection (submit(..., false)): they open their own.
//
//   quint64 id = worker->submit("restore preview", RestoreJobs::plan(target, request), false);
//   // jobFinished(id, v): v.value<RestorePlan>() → RestoreImpactModel::setPlan(plan), show plan.writers
//   // after the typed confirmation (plan.confirmationName()):
//   RestoreOptions o; o.confirmation = typedText; o.force = forceChecked;
//   worker->submit("restore", RestoreJobs::apply(plan, o), false);
//   // jobFinished(id, v): v.value<RestoreResult>() (restored and verified after)
//   // jobFailed(id, error): refused / failed / cancelled; the message names the writers or the safety backup
// Progress arrives as jobProgress(id, done, total, what); DbWorker::cancel(id) cancels (the store stays
// as it was).
#include "ops/restoreat.h"
#include "ops/restoreplan.h"
#include "ops/restoreservice.h"
#include "worker/jobcontext.h"

namespace dbops {

// Restore to a moment: the restore point RestoreAt picked (a replica's state is written into `scratchDir`, a
// folder of the job's own) and the plan made from it. The scratch folder stays until the caller removes it
// (removeScratch) once the restore is done or given up.
struct MomentPlan {
    RestorePlan plan;
    MomentSource source;
    QString scratchDir;
};

class RestoreJobs {
public:
    // QVariant(RestorePlan), or QVariant(Error).
    static Job plan(const Target &target, const RestoreRequest &request);
    // QVariant(RestoreResult) when restored and verified after; otherwise QVariant(Error).
    static Job apply(const RestorePlan &plan, const RestoreOptions &options);
    // QVariant(MomentPlan): the store `target` as it was at `at`, from the replica under `replicaRoot` (empty: none)
    // or the newest backup in `backupDir` (empty: the default folder) taken by then; otherwise QVariant(Error).
    static Job planAt(const Target &target, const QDateTime &at, const QString &replicaRoot, const QString &backupDir);
    static Job removeScratch(const QString &scratchDir);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::MomentPlan)
