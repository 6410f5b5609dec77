#include "schema/sqliteshape.h"

#include "dialect/sqltext.h"

namespace dbops {

namespace {
const QLatin1String kDialect("sqlite");

QString sql(const char *name) { return SqlText::get(kDialect, QLatin1String(name)); }

Error readTable(SqliteHandle &db, const QString &table, SqliteShape &out)
{
    SchemaShape &s = out.shape;
    auto pk = db.query(sql("health_primary_key"), {table});
    if (!pk)
        return pk.error();
    s.hasPrimaryKey.insert(table, !pk->isEmpty());
    if (pk->size() == 1 &&
        pk->first().value(1).toString().compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0 &&
        !out.withoutRowid.contains(table))
        s.indexes << IndexDef{table, QStringLiteral("rowid"), {pk->first().value(0).toString()}, true, true, false,
                              true};
    auto list = db.query(sql("health_index_list"), {table});
    if (!list)
        return list.error();
    for (const QVariantList &row : list.value()) {
        IndexDef i;
        i.table = table;
        i.name = row.value(0).toString();
        i.unique = row.value(1).toInt() != 0;
        i.primary = row.value(2).toString() == QLatin1String("pk");
        i.partial = row.value(3).toInt() != 0;
        auto cols = db.query(sql("health_index_columns"), {i.name});
        if (!cols)
            return cols.error();
        for (const QVariantList &c : cols.value())
            i.columns << c.value(0).toString();
        s.indexes << i;
    }
    auto fks = db.query(sql("health_foreign_keys"), {table});
    if (!fks)
        return fks.error();
    int lastId = -1;
    for (const QVariantList &row : fks.value()) {
        if (row.value(0).toInt() != lastId) {
            s.foreignKeys << ForeignKeyDef{table, {}, row.value(1).toString()};
            lastId = row.value(0).toInt();
        }
        s.foreignKeys.last().columns << row.value(2).toString();
    }
    return {};
}
} // namespace

Expected<SqliteShape> SqliteShape::read(SqliteHandle &db)
{
    SqliteShape out;
    auto tables = db.query(sql("health_tables"));
    if (!tables)
        return tables.error();
    for (const QVariantList &row : tables.value()) {
        const QString name = row.value(0).toString();
        out.shape.tables << name;
        if (row.value(1).toInt() != 0)
            out.withoutRowid.insert(name);
    }
    for (const QString &t : out.shape.tables)
        if (Error e = readTable(db, t, out))
            return e;
    auto owners = db.query(sql("health_index_owner"));
    if (!owners)
        return owners.error();
    for (const QVariantList &row : owners.value())
        out.indexOwner.insert(row.value(0).toString(), row.value(1).toString());
    return out;
}

} // namespace dbops
