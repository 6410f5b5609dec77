#pragma once
// What every backup engine (SQLite file, data directory, PostgreSQL) is asked for and gives back. A leaf the
// engines and BackupService share, so no engine includes the service that dispatches to it.
#include "connection/sessionoptions.h"
#include "core/expected.h"
#include "ops/manifest.h"

#include <QJsonObject>
#include <QMetaType>

namespace dbops {

struct BackupRequest {
    QString outDir;                               // empty: Paths::defaultBackupDir()
    QString kind = QStringLiteral("backup");      // "safety": the copy taken before a restore or a cleanup
    QString precedes = QStringLiteral("restore"); // safety: what it is taken before, in its name ("-pre-restore")
    SessionOptions session = SessionOptions::action();
    bool audit = true;
    int lockWaitTimeoutMs = 30000; // PostgreSQL: pg_dump --lock-wait-timeout (a migration holding a table)
    // PostgreSQL: pg_dump --compress (zlib 0-9). 1 dumps about 4x faster than pg_dump's default (6) for about
    // 20 % more bytes (tests/bench); -1: pg_dump's own default.
    int pgCompression = 1;
};

struct BackupResult {
    QString path;         // the backup file (data directory: the folder holding the members)
    QString manifestPath; // its manifest (data directory: the folder's index manifest)
    BackupManifest manifest;
    QList<BackupResult> members; // data directory: one per store copied
    QStringList skipped;         // data directory: "relative/path: reason"
    QStringList partialsRemoved; // leftovers of interrupted runs removed from the folder first

    // path, bytes, sha256, manifest, engine, tables, source_corrupt, warnings, members, skipped, partials_removed
    QJsonObject toJson() const;
    // The result for a backup file at `path` once `manifest` is written durably beside it.
    static Expected<BackupResult> writeBeside(const QString &path, const BackupManifest &manifest);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::BackupResult)
