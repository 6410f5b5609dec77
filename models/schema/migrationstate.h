#pragma once
// What one migration tool records in a store (applied list, failed / dirty / locked state), and — when the
// operator points at a migrations folder — how that folder compares (pending, missing, changed, out of order).
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QStringList>

namespace dbops {

struct MigrationEntry {
    QString version;   // the tool's key: "012", "20240101120000", an Alembic revision, "app.0003_name"
    QString name;      // description / file name where the tool keeps one
    QString appliedAt; // ISO-8601 as stored (empty when the tool keeps no time)
    QString checksum;  // as the tool stores it (Flyway CRC32, Prisma / Drizzle SHA-256, Liquibase MD5)
    QString file;      // migrations folder: the file's path relative to the folder
    QString fileChecksum;
    bool success = true;

    // Version and name together: one migration even where versions repeat (the CTS bot's 051_a and 051_b).
    QString key() const { return version + QLatin1Char('\n') + name; }
    QJsonObject toJson() const;
};

struct MigrationState {
    QString tool;  // "schema_migrations", "golang-migrate", "rails", "flyway", "liquibase", "alembic", "django",
                   // "knex", "prisma", "node-pg-migrate", "typeorm", "sequelize", "drizzle", "user_version",
                   // "schema_version_file"
    QString store; // data directory: the store's relative path ("trading/trading.db"); else empty
    QString table; // where the tool keeps its state (schema-qualified on PostgreSQL when not public)
    QString current;
    QStringList heads; // Alembic: every row of alembic_version (several heads possible)
    QList<MigrationEntry> applied;
    QList<MigrationEntry> failed;
    bool dirty = false;  // golang-migrate: the current version was left half-applied
    bool locked = false; // Liquibase / knex lock row held
    QString lockNote;    // who holds it, since when, whether it looks stale
    bool lockStale = false;
    // The table is there but the console's user may not read it: the error and the GRANT that helps
    // ("cannot read schema_migrations: permission denied: GRANT SELECT ON …"). Nothing else is known then.
    QString unreadable;

    bool folderCompared = false; // the migrations folder matched this tool's files
    QString folder;
    QString folderSource;               // MigrationsFolder::source: "option", "profile", …, "beside_store"
    QString folderWhy;                  // MigrationsFolder::why: "given", "found beside the store", …
    QList<MigrationEntry> pending;      // files not applied
    QList<MigrationEntry> missingFiles; // applied, no file
    QList<MigrationEntry> changed;      // file differs from the stored checksum
    QList<MigrationEntry> outOfOrder;   // pending, yet older than the current version
    QStringList notes;

    // How a person reads one migration, the same for applied and pending rows: "013_trades_fee_asset" (the
    // version, then the name), a name that already carries its version as it is ("051_add_partial_indexes"),
    // the key alone for tools keyed by file name (knex, Sequelize, Prisma, Django's "app.0003_x") or that keep
    // no name.
    QString label(const MigrationEntry &entry) const;

    // "ok" | "warn" (pending / missing / changed / out of order / lock / unreadable) | "critical" (failed / dirty).
    QString status() const;
    // "v012, 3 pending, 1 missing", "alembic ae1027a6acf, up to date" (the folder compared, nothing wrong)
    QString summary() const;
    QJsonObject toJson() const;
};

struct MigrationReport {
    QList<MigrationState> tools;
    QStringList problems; // stores that could not be read (data directory)

    QString status() const;
    // The overview's line: "schema: v065, 5 pending, 1 missing" (several tools joined by "; "), or
    // "schema: no migration table".
    QString summary() const;
    // One tool: its object; several: {"migrations": [...]} (plus status / problems either way).
    QJsonObject toJson() const;
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::MigrationReport)
