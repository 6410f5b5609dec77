#include "ops/sqlitestoreinfo.h"

#include "dialect/sqltext.h"
#include "schema/datingcolumn.h"

namespace dbops {

namespace {
const QLatin1String kDialect("sqlite");

} // namespace

Expected<QList<SqliteTable>> SqliteStoreInfo::tables(SqliteHandle &db)
{
    auto rows = db.query(SqlText::get(kDialect, QStringLiteral("backup_tables")));
    if (!rows)
        return rows.error();
    QList<SqliteTable> result;
    for (const QVariantList &row : rows.value())
        result << SqliteTable{row.value(0).toString(), quint32(row.value(1).toLongLong())};
    return result;
}

Expected<qint64> SqliteStoreInfo::countRows(SqliteHandle &db, const QString &table)
{
    auto value = db.scalar(SqlText::sqlite("common", "count_rows", {{"table", SqliteHandle::quoteIdentifier(table)}}));
    if (!value)
        return value.error();
    return value->toLongLong();
}

int SqliteStoreInfo::userVersion(SqliteHandle &db)
{
    auto value = db.scalar(SqlText::sqlite("common", "user_version"));
    return value ? value->toInt() : 0;
}

QString SqliteStoreInfo::migrationVersion(SqliteHandle &db)
{
    auto tables = db.query(SqlText::get(kDialect, QStringLiteral("backup_migration_tables")));
    if (!tables)
        return {};
    for (const QVariantList &row : tables.value()) {
        const QString name = row.value(0).toString();
        const QString sql = SqlText::get(kDialect, name == QLatin1String("alembic_version")
                                                       ? QStringLiteral("backup_alembic_version")
                                                       : QStringLiteral("backup_schema_migrations"));
        auto value = db.scalar(sql);
        if (value && !value->isNull())
            return value->toString();
    }
    return {};
}

QString SqliteStoreInfo::timestampColumn(SqliteHandle &db, const QString &table)
{
    auto columns = db.query(SqlText::get(kDialect, QStringLiteral("backup_table_columns")), {table});
    if (!columns)
        return {};
    QList<QPair<QString, QString>> list;
    for (const QVariantList &c : columns.value())
        list << qMakePair(c.value(0).toString(), c.value(1).toString());
    return DatingColumn::pick(list);
}

} // namespace dbops
