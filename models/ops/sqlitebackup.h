#pragma once
// The SQLite file engine of BackupService: a snapshot copy (or VACUUM INTO when Qt's SQLite and the linked one
// differ) written durably, hashed, with its manifest beside it. Data directory backups use it per store.
#include "connection/target.h"
#include "ops/backupresult.h"
#include "worker/opcontrol.h"

namespace dbops {

class SqliteBackup {
public:
    // Into BackupNaming::outDirFor(request), under a fresh name.
    static Expected<BackupResult> run(const Target &target, const BackupRequest &request, const OpControl &control);
    // The same, to an explicit backup path (its folder must exist): data directory members.
    static Expected<BackupResult> runTo(const QString &source, const QString &path, const BackupRequest &request,
                                        const OpControl &control);
};

} // namespace dbops
