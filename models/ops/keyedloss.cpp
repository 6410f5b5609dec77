#include "ops/keyedloss.h"

#include "dialect/sqltext.h"

#include <QUrl>

namespace dbops {

const QLatin1String KeyedLoss::kSchema("dbops_backup");

Error KeyedLoss::attach(SqliteHandle &live, const QString &backupPath)
{
    const QString uri = QStringLiteral("file:") + QString::fromUtf8(QUrl::toPercentEncoding(backupPath, "/")) +
                        QStringLiteral("?mode=ro&immutable=1");
    auto attached = live.query(SqlText::sqlite("restore_keyed_loss", "attach", {{"schema", kSchema}}), {uri});
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
        match << SqlText::sqlite("restore_keyed_loss", "same_rowid");
    for (const QString &column : key)
        match << SqlText::sqlite("restore_keyed_loss", "same_column",
                                 {{"column", SqliteHandle::quoteIdentifier(column)}});
    const QString name = SqliteHandle::quoteIdentifier(table);
    auto n = live.scalar(
        SqlText::sqlite("restore_keyed_loss", "lost_rows",
                        {{"table", name}, {"schema", kSchema}, {"same_key", match.join(QStringLiteral(" AND "))}}));
    if (!n)
        return n.error();
    return n->toLongLong();
}

} // namespace dbops
