#pragma once
// The Migrations tab's read as a DbWorker job, the read `dbops migrations` makes (MigrationProbe::collect): a
// SQLite file or PostgreSQL database on the worker's own connection, a data directory store by store.
//
//   worker->submit("migrations", MigrationJobs::read(target, folder));
//   // jobFinished(id, v): v.value<MigrationReport>();  jobFailed(id, error): e.g. no such folder
#include "schema/migrationprobe.h"
#include "worker/jobcontext.h"

namespace dbops {

class MigrationJobs {
public:
    // `folder`: the migrations folder to compare with; empty: the one beside a SQLite store, if any.
    static WorkerJob read(const Target &target, const MigrationsFolder &folder);
};

} // namespace dbops
