#pragma once
// The first half of a restore: everything the operator must see before saying yes, changing nothing.
// The backup is verified (a failed or corrupt one is refused here), the impact is measured per table (rows
// and newest timestamp now vs in the backup: "412 trades newer than the backup will be lost"), the schema /
// migration version of both sides is read, and the store is probed for live writers.
// RestoreService::apply() carries a plan out.
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/expected.h"
#include "ops/backupverifier.h"
#include "probe/writeractivity.h"
#include "worker/opcontrol.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

namespace dbops {

struct TableImpact {
    QString name;
    qint64 rowsNow = -1;    // -1: the table is not in the live store
    qint64 rowsBackup = -1; // -1: the table is not in the backup
    QString timestampColumn;
    QString newestNow;           // max(timestampColumn) now, as text; empty when unknown or no rows
    QString newestBackup;        // the same in the backup
    qint64 rowsLostEstimate = 0; // rows of the live store the restore takes away (the most any measure shows)
    bool lostIsExact = false;    // counted by key or timestamp (true) or the difference of row counts (false)
    qint64 rowsNewer = -1;       // live rows newer than the backup's newest timestamp; -1: not counted
    qint64 rowsMissing = -1;     // live rows whose key the backup lacks (any age); -1: not compared by key
    QString key;                 // what rowsMissing compared: "id", "symbol, ts", "rowid"
    QString note;                // e.g. "not in the backup: dropped by the restore"

    QString describe() const; // "412 trades rows newer than the backup will be lost"
    QString lostBy() const;   // "key" | "timestamp" | "row counts" | "table" | "" (nothing lost)
};

struct SchemaSide {
    int userVersion = 0;      // SQLite PRAGMA user_version
    QString migrationVersion; // newest schema_migrations / alembic_version entry
    QString display() const;  // "user_version 3, migration 20260101_x" / "unknown"
};

struct RestoreImpact {
    QList<TableImpact> tables;
    SchemaSide now;
    SchemaSide backup;

    QStringList notes; // extra lines for summary() (data directory: per-store schema changes, stores left alone)

    qint64 rowsLost() const;
    bool schemaDiffers() const;
    // Tables that lose rows first (most lost first), then the others by name: what the operator reads first.
    void sortLossesFirst();
    QStringList summary() const; // the lines a preview prints (tables with losses, schema change)
    QJsonObject toJson() const;  // {tables: [{name, rows_now, rows_backup, newest_now, newest_backup,
                                 //   rows_lost_estimate, rows_lost, rows_newer, key, lost_by, ...}],
                                 //  schema_now, schema_backup, rows_lost}
};

struct RestoreRequest {
    QString backupPath; // the backup file (or its manifest)
    QString toPath;     // SQLite: restore into this new file instead of the live database
    QString toDatabase; // PostgreSQL: restore into this new database (created) instead
    QString safetyDir;  // where the safety backup goes; empty: the default backup folder
    // The backup is a scratch file of this restore alone (`restore --at` from a replica: Litestream just wrote
    // it into a private folder): verified as VerifyOptions::freshScratch, and moved into toPath (renamed, on
    // the same file system) rather than copied. Never set for a backup that must stay where it is.
    bool backupIsScratch = false;
    SessionOptions session = SessionOptions::action();
};

struct RestorePlan {
    Target target; // the live store (also when restoring into a new file / database)
    RestoreRequest request;
    QString backupPath;
    VerifyReport verify;
    RestoreImpact impact;
    WriterReport writers;
    QDateTime plannedAt;
    qint64 backupBytes = 0;
    QDateTime backupModified;
    // Data directory: one plan per store in the backup (target: the store in the data directory, created when
    // missing; backupPath: its copy in the backup folder). This plan then holds the folder's verification,
    // every store's tables (named "store/path.db:table") and every store's writers (detail prefixed by it).
    QList<RestorePlan> members;
    QString relativePath; // a member: the store's path relative to the data directory

    bool intoNew() const { return !request.toPath.isEmpty() || !request.toDatabase.isEmpty(); }
    // Where the data lands: the live store, or the new file / database.
    Target destination() const;
    // What the operator types to confirm (database or file name of the destination).
    QString confirmationName() const;
    // The store an audit record names: the live store; for a restore into a new file or database, the store the
    // backup was taken of (its manifest's source), since the live target may only be guessed (`restore --to X`
    // without --db) and is not touched.
    QString auditTarget() const;
    bool isPostgres() const { return target.isPostgres(); }
    bool isDataDir() const { return target.kind == Target::Kind::DataDir; }
    QJsonObject toJson() const; // backup, target, destination, verify, impact, writers, stale_locks
                                // (data directory: stores [{path, backup, exists, writers, schema_now, ...}])
};

class RestorePlanner {
public:
    // Verifies the backup, measures the impact, probes for writers. Refuses (Refused) a backup that fails
    // verification, and (Usage) a backup of another engine or a destination that already exists.
    static Expected<RestorePlan> plan(const Target &target, const RestoreRequest &request, const OpControl &control);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::RestorePlan)
