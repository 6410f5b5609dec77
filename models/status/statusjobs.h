#pragma once
// The status board as DbWorker jobs: the Overview's board for the open target (PostgreSQL on the worker's own
// connection, no session of its own), and one saved profile's board for the target sidebar (on a worker
// with no connection: the job opens at most one session, and a worker runs its jobs one after another).
//
//   worker->submit("status", StatusJobs::evaluate(target, options));
//   // jobFinished(id, v): v.value<StatusBoard>()
#include "status/statusevaluator.h"
#include "worker/jobcontext.h"

#include <functional>

namespace dbops {

class StatusJobs {
public:
    // The request is built in the job (StatusRequest::forTarget reads the profile file: not on the GUI thread);
    // `adjust`, when given, changes it there before the evaluation (the alert thresholds of alert/, above).
    static WorkerJob evaluate(const Target &target, const SessionOptions &options,
                              std::function<void(StatusRequest &)> adjust = {});
    // Reads the profile `name` from `profilesFile` (empty: the default) and evaluates it; needs no connection.
    static Job profile(const QString &profilesFile, const QString &name);
};

} // namespace dbops
