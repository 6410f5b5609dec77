#pragma once
// The Overview tab's read as a DbWorker job, the same read `dbops info` makes (OverviewProbe::collect) with the
// schema line: a SQLite file or PostgreSQL database on the worker's own connection, a data directory store by
// store (each opened read-only in the worker thread).
//
//   worker->submit("overview", OverviewJobs::read(target, options));
//   // jobFinished(id, v): v.value<Overview>();  jobFailed(id, error)
#include "connection/sessionoptions.h"
#include "probe/overview.h"
#include "worker/jobcontext.h"

namespace dbops {

class OverviewJobs {
public:
    static WorkerJob read(const Target &target, const SessionOptions &options);
};

} // namespace dbops
