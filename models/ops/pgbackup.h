#pragma once
// PostgreSQL backups with pg_dump -Fc, run as a child process picked to match the server's major version.
// Row counts come from the same snapshot pg_dump dumps (--snapshot of an exported snapshot).
#include "ops/backupservice.h"

namespace dbops {

class PgBackup {
public:
    static Expected<BackupResult> run(const Target &target, const BackupRequest &request, const OpControl &control);
};

} // namespace dbops
