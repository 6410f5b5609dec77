#pragma once
// The JSON file beside every backup ("<backup>.manifest.json"): what was backed up (never a secret), how,
// when, its size and SHA-256, per-table row counts, schema/migration version, tool versions, and the last
// verification. Verify writes its verdict back into it.
#include "core/expected.h"
#include "ops/drillrecord.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace dbops {

struct TableRows {
    TableRows(const QString &name = {}, qint64 rows = -1, const QString &newest = {})
        : name(name), rows(rows), newest(newest)
    {}
    QString name;
    qint64 rows = -1;
    QString newest; // newest timestamp value, when known (PostgreSQL backups record it)
    // PostgreSQL backups: `name` is "schema.table"; the schema on its own (a name may hold a dot) and the
    // table's oid in the dumped database, which its TABLE DATA entry in pg_restore --list carries. Older
    // manifests have neither: the name is then split at its first dot and matched by name (PgName).
    QString schema;
    qint64 oid = 0;
};

struct Verification {
    enum class State { Unverified, Verified, Failed };
    State state = State::Unverified;
    QDateTime at;
    QStringList problems;

    static QString stateName(State state); // "unverified" | "verified" | "failed"
    static State stateFromName(const QString &name);
};

struct BackupManifest {
    static constexpr int kFormat = 1;
    int format = kFormat;
    QString kind = QStringLiteral("backup"); // "backup" | "safety" (taken before a restore) | "datadir-member"
    QString engine;                          // "sqlite" | "postgresql" | "duckdb"
    QString source;                          // Target::display(): no password
    QString sourceId;                        // what "the same database" means: canonical path / host:port/db
    QString file;                            // backup file name (in the manifest's folder)
    QString format_;                         // "sqlite-db" | "pg-custom" | "file-copy"
    QDateTime createdAt;                     // UTC
    qint64 bytes = 0;
    QString sha256;
    qint64 durationMs = 0;
    QList<TableRows> tables;
    int userVersion = 0;      // SQLite PRAGMA user_version
    QString migrationVersion; // newest schema_migrations / alembic_version entry, when the store has one
    QString engineVersion;    // SQLite library / PostgreSQL server version
    QString journalMode;      // SQLite
    int pageSize = 0;         // SQLite
    QJsonObject tools;        // {"dbops": "...", "sqlite": "...", "pg_dump": "..."}
    // Data directory backups (engine "datadir", a folder): one {"path", "engine", "bytes", "sha256"} per member
    // (path relative to the folder; each member has its own manifest too), and what was left out and why.
    QJsonArray members;
    QStringList skipped;
    // The store was found damaged while it was backed up (SQLite quick_check of the copy): the backup is kept,
    // the best copy there is, but it holds the damage too. `warnings` says what was found.
    bool sourceCorrupt = false;
    QStringList warnings;
    Verification verification;
    DrillRecord drill; // the last restore drill (`dbops drill`); not done: never drilled

    QJsonObject toJson() const;
    static Expected<BackupManifest> fromJson(const QJsonObject &object, const QString &path);
    qint64 rowsOf(const QString &table) const; // -1 when absent

    static QString pathFor(const QString &backupPath); // "<backupPath>.manifest.json"
    static bool isManifestName(const QString &fileName);
    static Expected<BackupManifest> read(const QString &manifestPath);
    Error write(const QString &manifestPath) const; // durable, replaces
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::BackupManifest)
