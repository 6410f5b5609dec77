#include "pitr/tablecompare.h"

#include "connection/connector.h"
#include "dialect/sqltext.h"
#include "ops/pgname.h"
#include "schema/datingcolumn.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace dbops {

namespace {
QJsonValue rowsOrNull(qint64 n) { return n < 0 ? QJsonValue() : QJsonValue(double(n)); }
QJsonValue textOrNull(const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); }

Expected<QList<PgName>> listTables(QSqlDatabase db, const Target &target)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::get(QStringLiteral("postgresql"), QStringLiteral("backup_tables"))))
        return Connector::classify(q.lastError(), target, QStringLiteral("list the tables of"));
    QList<PgName> names;
    while (q.next())
        names << PgName{q.value(0).toString(), q.value(1).toString()};
    return names;
}

Expected<TableCount> countTable(QSqlDatabase db, const Target &target, const PgName &name)
{
    QSqlQuery columns(db);
    columns.prepare(SqlText::get(QStringLiteral("postgresql"), QStringLiteral("backup_columns")));
    columns.addBindValue(name.schema);
    columns.addBindValue(name.table);
    QList<QPair<QString, QString>> list;
    if (columns.exec())
        while (columns.next())
            list << qMakePair(columns.value(0).toString(), columns.value(1).toString());
    TableCount count;
    count.column = DatingColumn::pick(list);
    const QString sql = count.column.isEmpty()
                            ? SqlText::postgresql("backup_snapshot", "count_rows", {{"table", name.sql()}})
                            : SqlText::postgresql("backup_snapshot", "count_rows_newest",
                                                  {{"column", PgName::quote(count.column)}, {"table", name.sql()}});
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return Connector::classify(q.lastError(), target,
                                   QStringLiteral("count the rows of %1 in").arg(name.display()));
    count.rows = q.value(0).toLongLong();
    count.newest = q.value(1).toString();
    return count;
}
} // namespace

bool TableDiff::differs() const { return live.rows != other.rows || live.newest != other.newest; }

QString TableDiff::onlyIn() const
{
    if (live.rows < 0)
        return QStringLiteral("other");
    return other.rows < 0 ? QStringLiteral("live") : QString();
}

QJsonObject TableDiff::toJson() const
{
    return {{QStringLiteral("table"), table},
            {QStringLiteral("only_in"), textOrNull(onlyIn())},
            {QStringLiteral("rows_live"), rowsOrNull(live.rows)},
            {QStringLiteral("rows_other"), rowsOrNull(other.rows)},
            {QStringLiteral("newest_live"), textOrNull(live.newest)},
            {QStringLiteral("newest_other"), textOrNull(other.newest)},
            {QStringLiteral("dating_column"), textOrNull(live.column.isEmpty() ? other.column : live.column)},
            {QStringLiteral("differs"), differs()}};
}

int CompareResult::differing() const
{
    int n = 0;
    for (const TableDiff &t : tables)
        n += t.differs() ? 1 : 0;
    return n;
}

QJsonObject CompareResult::toJson() const
{
    QJsonArray list;
    for (const TableDiff &t : tables)
        list.append(t.toJson());
    return {{QStringLiteral("status"), differing() ? QStringLiteral("differs") : QStringLiteral("same")},
            {QStringLiteral("live"), live},
            {QStringLiteral("other"), other},
            {QStringLiteral("tables"), list},
            {QStringLiteral("differing"), differing()}};
}

Expected<QMap<QString, TableCount>> TableCompare::countAll(const Target &target, const OpControl &control)
{
    ScopedConnection c(target, SessionOptions::monitor(), QStringLiteral("compare"));
    if (!c.ok())
        return c.error();
    QSqlQuery begin(c.db());
    if (!begin.exec(SqlText::postgresql("common", "begin_snapshot")))
        return Connector::classify(begin.lastError(), target, QStringLiteral("open a snapshot of"));
    auto names = listTables(c.db(), target);
    if (!names)
        return names.error();
    QMap<QString, TableCount> counts;
    for (const PgName &name : names.value()) {
        if (control.cancelled())
            return Error::make(ErrorCode::Cancelled, QStringLiteral("compare cancelled"));
        control.report(counts.size(), names->size(), QStringLiteral("counting %1").arg(name.display()));
        auto count = countTable(c.db(), target, name);
        if (!count)
            return count.error();
        counts.insert(name.key(), count.value());
    }
    return counts;
}

Expected<CompareResult> TableCompare::run(const Target &live, const Target &other, const OpControl &control)
{
    if (!live.isPostgres() || !other.isPostgres())
        return Error::make(ErrorCode::Usage, QStringLiteral("compare reads two PostgreSQL databases"),
                           QStringLiteral("pass --db and --with as PostgreSQL URIs or profiles"));
    auto a = countAll(live, control);
    if (!a)
        return a.error();
    auto b = countAll(other, control);
    if (!b)
        return b.error();
    CompareResult result{live.display(), other.display(), {}};
    QStringList keys = a->keys() + b->keys();
    keys.removeDuplicates();
    keys.sort();
    for (const QString &key : keys)
        result.tables << TableDiff{key, a->value(key), b->value(key)};
    return result;
}

} // namespace dbops
