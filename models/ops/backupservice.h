#pragma once
// Backups of a target, whatever it is: an SQLite file (snapshot copy), a data directory (every SQLite
// store, DuckDB files when no writer holds them), a PostgreSQL database (pg_dump -Fc). Each backup is
// written durably with its manifest beside it, and recorded in the audit trail.
//
// From a GUI job:  worker->submit("backup", [t](JobContext &c) {
//                      auto r = BackupService::backup(t, {}, OpControl::fromJob(c));
//                      return r ? QVariant::fromValue(r.value()) : QVariant::fromValue(r.error()); }, false);
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/expected.h"
#include "ops/manifest.h"
#include "ops/opcontrol.h"

#include <QJsonObject>

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

class BackupService {
public:
    static Expected<BackupResult> backup(const Target &target, const BackupRequest &request, const OpControl &control);
    static Expected<BackupResult> backupSqliteFile(const Target &target, const BackupRequest &request,
                                                   const OpControl &control);
    // The same, to an explicit backup path (its folder must exist): data directory members.
    static Expected<BackupResult> backupSqliteFileTo(const QString &source, const QString &path,
                                                     const BackupRequest &request, const OpControl &control);
    // "<stem>-YYYYMMDD-HHMMSSZ<suffix>" in `dir`, not yet taken (neither it nor its manifest exists).
    static QString freshName(const QString &dir, const QString &stem, const QString &suffix, const QString &kind,
                             const QString &precedes = QStringLiteral("restore"));
    // What identifies "the same database" across backups: canonical path, or host:port/db.
    static QString sourceId(const Target &target);
    static QString outDirFor(const BackupRequest &request);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::BackupResult)
