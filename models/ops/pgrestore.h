#pragma once
// The PostgreSQL side of a restore.
// impact():  per table rows and newest timestamp of the live database, against the backup's manifest. The loss is
//            the larger of the rows newer than the backup and the growth in rows, exact only when they agree
//            (no key comparison: the backup's keys are not readable without restoring it).
// restore(): pg_restore (matching the server's major version) with --single-transaction --exit-on-error,
//            into the same database with --clean --if-exists, or into a new database created first (and
//            dropped again when the restore fails). A LockWatchdog stops it once it has waited 30 s for a lock
//            (the archive's SET lock_timeout = 0 lifts any limit set before). A cancelled, failed or killed pg_restore
//            leaves the database as it was: the server rolls the one transaction back. The password travels in an
//            in-memory PGPASSFILE (PgSecret), never on argv or a disk.
// check():   row counts of the restored database against the manifest.
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "ops/manifest.h"
#include "ops/restoreplan.h"
#include "worker/opcontrol.h"

namespace dbops {

class PgRestore {
public:
    static Expected<RestoreImpact> impact(const Target &live, const BackupManifest &manifest,
                                          const SessionOptions &options, const OpControl &control);
    static Error restore(const Target &target, const QString &archive, const BackupManifest &manifest,
                         const QString &toDatabase, const SessionOptions &options, const OpControl &control);
    static QStringList check(const Target &destination, const BackupManifest &manifest, const SessionOptions &options,
                             const OpControl &control, QStringList *moving = nullptr);
    static Expected<bool> databaseExists(const Target &target, const QString &name, const SessionOptions &options);
};

} // namespace dbops
