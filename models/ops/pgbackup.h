#pragma once
// PostgreSQL backups with pg_dump -Fc, run as a child process picked to match the server's major version
// (PgTools::find refuses, naming the package, when only an older pg_dump exists). The password reaches it
// only through an in-memory PGPASSFILE (PgSecret) or the inherited environment, never argv or a disk.
//
// One snapshot for everything: dbops opens a REPEATABLE READ transaction, exports its snapshot, starts
// pg_dump with --snapshot, and counts each table's rows (and its newest timestamp) in that same snapshot
// while pg_dump runs, so the manifest's counts are exactly what the archive holds. Progress: tables counted
// and "dumping contents of table" lines of pg_dump --verbose. Cancel kills pg_dump; the partial file is
// removed (DurableFile).
#include "connection/target.h"
#include "ops/backupresult.h"
#include "worker/opcontrol.h"

namespace dbops {

class PgBackup {
public:
    static Expected<BackupResult> run(const Target &target, const BackupRequest &request, const OpControl &control);
};

} // namespace dbops
