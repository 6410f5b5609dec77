#pragma once
// The overview an operator sees first (GUI main window, `dbops info`): engine, version, size, tables,
// SQLite journal mode and WAL size, PostgreSQL max_connections and uptime. A data directory gives one
// overview per SQLite store, summed.
#include "connection/sessionoptions.h"
#include "connection/storediscovery.h"
#include "connection/target.h"
#include "core/expected.h"
#include "schema/migrationsfolders.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QSqlDatabase>
#include <QStringList>

namespace dbops {

struct Overview {
    QString engine;     // "sqlite" | "postgresql"
    QString version;    // SQLite library version, or PostgreSQL server_version
    QString database;   // SQLite path / data directory, or PostgreSQL database name
    QString location;   // display form of the target (no password)
    QString path;       // a file store (SQLite, DuckDB): its absolute path; empty for PostgreSQL and the folder
    QString note;       // e.g. DuckDB: "listed only, Qt SQL has no DuckDB driver"
    QDateTime modified; // a file store: newest change of the file or its WAL
    qint64 sizeBytes = 0;
    QStringList tables;    // data directory: "<store relative path>:<table>"
    bool botTables = true; // an SQLite file: some table is one a trading bot uses (BotTables)

    // SQLite
    QString journalMode;
    qint64 walBytes = 0;
    qint64 pageSize = 0;
    qint64 pageCount = 0;
    qint64 freelistCount = 0;
    int userVersion = 0;

    // PostgreSQL
    int serverVersionNum = 0;
    int maxConnections = 0;
    int reservedConnections = 0;
    int connections = 0;
    qint64 uptimeSeconds = -1;
    bool inRecovery = false;

    // The migration state in one line, "schema: v065, 5 pending, 1 missing" (MigrationReport::summary); empty
    // when not read (OverviewProbe::addSchema reads it).
    QString schema;
    QString schemaStatus; // "ok" | "warn" | "critical" (MigrationReport::status; unreadable: "warn")

    // Data directory: one entry per store (SQLite, opened; DuckDB, listed only), its lock files (alive, stale or
    // unknown, as StoreDiscovery judges them), plus what could not be opened.
    QList<Overview> stores;
    QList<DiscoveredItem> locks;
    QStringList problems;

    QJsonObject toJson() const;
};

class OverviewProbe {
public:
    // On an open connection (SQLite file or PostgreSQL database).
    static Expected<Overview> run(QSqlDatabase db, const Target &target);
    // Opens each SQLite store of a data directory read-only in the calling thread, one at a time.
    static Expected<Overview> runDataDir(const Target &target, const SessionOptions &options);
    // Opens what the target needs (in the calling thread) and runs the right probe; with `schema`, also the
    // schema line (addSchema) on the same session, against the remembered migrations folder (MigrationsFolders).
    static Expected<Overview> collect(const Target &target, const SessionOptions &options, bool schema = false);
    // The same on an open connection (a SQLite file or PostgreSQL target; a monitor worker's).
    static Expected<Overview> collectOn(QSqlDatabase db, const Target &target, const SessionOptions &options,
                                        bool schema = false);
    // Sets overview.schema from the migration tables, compared with `folder` when given (the remembered
    // migrations folder, see MigrationsFolders), else with the one beside a SQLite store. `db`: the open connection of
    // a SQLite file or PostgreSQL target; a data directory opens each store itself (pass a default QSqlDatabase). A
    // read that fails gives "schema: unreadable (…)": the rest of the overview stands.
    static void addSchema(Overview &overview, QSqlDatabase db, const Target &target, const SessionOptions &options,
                          const MigrationsFolder &folder);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::Overview)
