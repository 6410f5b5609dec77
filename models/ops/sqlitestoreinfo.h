#pragma once
// What backup, verify and restore ask of an SQLite store through a raw connection: its tables, row
// counts, schema/migration version, and the column that dates its rows (for the restore impact preview).
#include "connection/sqlitehandle.h"
#include "core/expected.h"

#include <QList>
#include <QString>

namespace dbops {

struct SqliteTable {
    QString name;
    quint32 rootPage = 0;
};

class SqliteStoreInfo {
public:
    static Expected<QList<SqliteTable>> tables(SqliteHandle &db);
    static Expected<qint64> countRows(SqliteHandle &db, const QString &table);
    static int userVersion(SqliteHandle &db);
    // Newest entry of schema_migrations / alembic_version, empty when the store keeps none.
    static QString migrationVersion(SqliteHandle &db);
    // The column that dates a row (ts, timestamp, created_at, open_time, …; or a DATE/TIME-typed column),
    // empty when the table has none.
    static QString timestampColumn(SqliteHandle &db, const QString &table);
};

} // namespace dbops
