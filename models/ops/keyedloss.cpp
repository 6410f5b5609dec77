#include "ops/keyedloss.h"

#include "dialect/sqltext.h"

#include <QUrl>

namespace dbops {

const QLatin1String KeyedLoss::kSchema("dbops_backup");

Error KeyedLoss::attach(SqliteHandle &live, const QString &backupPath)
{
    const QString uri = QStringLiteral("file:") + QString::fromUtf8(QUrl::toPercentEncoding(backupPath, "/")) +
                        QStringLiteral("?mode=ro&immutable=1");
    auto attached = live.query(QStringLiteral("ATTACH DATABASE ? AS ") + kSchema, {uri});
    return attached ? Error() : attached.error();
}

QStringList KeyedLoss::keyOf(SqliteHandle &live, const QString &table)
{
    auto columns = live.query(SqlText::get(QStringLiteral("sqlite"), QStringLiteral("restore_key_columns")), {table});
    QStringList names;
    if (columns)
        for (const QVariantList &row : columns.value())
            names << row.value(0).toString();
    return names;
}

Expected<qint64> KeyedLoss::count(SqliteHandle &live, const QString &table, const QStringList &key)
{
    QStringList match;
    if (key.isEmpty())
        match << QStringLiteral("b.rowid = l.rowid");
    // IS, not =: a rowid table's primary key may hold NULLs, and NULL IS NULL is the same key.
    for (const QString &column : key)
        match << QStringLiteral("b.%1 IS l.%1").arg(SqliteHandle::quoteIdentifier(column));
    const QString name = SqliteHandle::quoteIdentifier(table);
    auto n = live.scalar(QStringLiteral("SELECT count(*) FROM main.%1 AS l WHERE NOT EXISTS "
                                        "(SELECT 1 FROM %2.%1 AS b WHERE %3)")
                             .arg(name, kSchema, match.join(QStringLiteral(" AND "))));
    if (!n)
        return n.error();
    return n->toLongLong();
}

} // namespace dbops
