#pragma once
// A bot's data directory in one job: every SQLite store (snapshot copies), DuckDB files copied as files
// only when no process holds a lock on them (else skipped with the reason), into one folder
// "<dir>-YYYYMMDD-HHMMSSZ/" mirroring the relative paths, each member with its own manifest, plus an index
// manifest for the folder.
#include "ops/backupservice.h"

namespace dbops {

class DataDirBackup {
public:
    static Expected<BackupResult> run(const Target &target, const BackupRequest &request, const OpControl &control);
    // The PIDs holding an fcntl lock on `path` (DuckDB's writer lock); empty when none.
    static QList<qint64> lockHolders(const QString &path);
};

} // namespace dbops
