#pragma once
// The SQLite side of a restore.
// impact():      per table rows and newest timestamp of the live database and of the backup.
// restoreInto(): every page of the backup copied into the live database through the SQLite backup API on a
//                connection of our own: one write transaction on the live file, so other connections see the
//                old content until it commits and the new content after; cancelled, failed or killed, it
//                rolls back (hot journal / uncommitted WAL frames) and the old content stays. No file is
//                renamed under an open database.
// restoreToNew(): the backup copied to a new file (temporary name, fsync, rename), never over an existing one.
// check():       integrity_check and row counts of the restored database against the backup's manifest.
#include "core/expected.h"
#include "ops/manifest.h"
#include "ops/opcontrol.h"
#include "ops/restoreplan.h"

namespace dbops {

class SqliteRestore {
public:
    // `livePath` empty: nothing there yet (restore to a new file).
    static Expected<RestoreImpact> impact(const QString &livePath, const QString &backupPath, const OpControl &control);
    static Error restoreInto(const QString &backupPath, const QString &livePath, const OpControl &control,
                             int busyTimeoutMs = 10000);
    static Error restoreToNew(const QString &backupPath, const QString &newPath, const OpControl &control);
    // Problems found (empty: integrity ok and every table's rows equal the manifest's).
    // `moving`: writers were forced past, so row counts may have moved on since: count differences go to
    // *moving instead of the problems.
    static QStringList check(const QString &path, const BackupManifest &manifest, const OpControl &control,
                             QStringList *moving = nullptr);
};

} // namespace dbops
