#pragma once
// The SQLite side of a restore.
// impact():      per table rows and newest timestamp of the live database and of the backup.
// restoreInto(): every page of the backup copied into the live database through the SQLite backup API on a
//                connection of our own: one write transaction on the live file, so other connections see the
//                old content until it commits and the new content after; cancelled, failed or killed, it
//                rolls back (hot journal / uncommitted WAL frames) and the old content stays. No file is
//                renamed under an open database.
// restoreToNew(): the backup copied to a new file (temporary name, fsync, rename), never over an existing one.
// moveToNew():   a scratch copy of this restore renamed into the new file (fsync, rename, folder fsync).
// check():       integrity_check and row counts of the restored database against the backup's manifest.
#include "core/expected.h"
#include "ops/manifest.h"
#include "ops/restoreplan.h"
#include "worker/opcontrol.h"

namespace dbops {

class SqliteRestore {
public:
    // `livePath` empty: nothing there yet (restore to a new file).
    // `backupRows`: the backup's row counts when already known (a verified manifest for these very bytes).
    static Expected<RestoreImpact> impact(const QString &livePath, const QString &backupPath, const OpControl &control,
                                          const QList<TableRows> &backupRows = {});
    static Error restoreInto(const QString &backupPath, const QString &livePath, const OpControl &control,
                             int busyTimeoutMs = 10000);
    // `expectedSha256` (the verified manifest's): the new file appears only when the bytes copied hash to it, so
    // it is bit for bit the verified backup (check(..., byteCopy = true) then needs no second full pass).
    static Error restoreToNew(const QString &backupPath, const QString &newPath, const OpControl &control,
                              const QString &expectedSha256 = {});
    // `scratch` (a file of this restore alone, see RestoreRequest::backupIsScratch) becomes `newPath`: flushed to
    // disk, renamed (never over an existing file) and the folder synced, so `newPath` appears complete or not at
    // all, holding the very bytes that were verified. True: moved; false: on another file system, so copied
    // durably instead (the copy then needs the full check). Nothing is left under `newPath` on failure.
    static Expected<bool> moveToNew(const QString &scratch, const QString &newPath, const OpControl &control);
    // Problems found (empty: integrity ok and every table's rows equal the manifest's).
    // `moving`: writers were forced past, so row counts may have moved on since: count differences go to
    // *moving instead of the problems.
    // `byteCopy`: `path` was written by restoreToNew with the manifest's SHA-256 checked, or moved there by
    // moveToNew, so it holds the verified backup's bytes; only that it opens and lists the manifest's tables is checked
    // again.
    static QStringList check(const QString &path, const BackupManifest &manifest, const OpControl &control,
                             QStringList *moving = nullptr, bool byteCopy = false);
};

} // namespace dbops
