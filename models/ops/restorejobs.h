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
#include "ops/restoreplan.h"
#include "ops/restoreservice.h"
#include "worker/jobcontext.h"

namespace dbops {

class RestoreJobs {
public:
    // QVariant(RestorePlan), or QVariant(Error).
    static Job plan(const Target &target, const RestoreRequest &request);
    // QVariant(RestoreResult) when restored and verified after; otherwise QVariant(Error).
    static Job apply(const RestorePlan &plan, const RestoreOptions &options);
};

} // namespace dbops
