#include "schema/timeextremes.h"

#include "dialect/sqltext.h"

namespace dbops {

namespace {

QHash<QString, QString> names(const QString &table, const QString &column)
{
    return {{QStringLiteral("column"), SqliteHandle::quoteIdentifier(column)},
            {QStringLiteral("table"), SqliteHandle::quoteIdentifier(table)}};
}

// Text that SQLite reads as a moment: the case where stored order and time order can differ.
bool isInstantText(SqliteHandle &db, const QVariant &value)
{
    if (value.isNull() || value.typeId() != QMetaType::QString)
        return false;
    auto instant = db.scalar(SqlText::sqlite("time_extremes", "is_instant"), {value});
    return instant && instant->toBool();
}

// min() or max() as stored, then, for text moments, the row of the earliest or latest instant near it.
Expected<QVariant> extreme(SqliteHandle &db, const QString &table, const QString &column, bool newest)
{
    auto stored = db.scalar(SqlText::sqlite("common", newest ? "max_value" : "min_value", names(table, column)));
    if (!stored || !isInstantText(db, stored.value()))
        return stored;
    auto instant =
        db.scalar(SqlText::sqlite("time_extremes", newest ? "newest_instant" : "oldest_instant", names(table, column)),
                  {stored.value()});
    if (!instant)
        return instant.error();
    return instant->isNull() ? stored : instant;
}

} // namespace

Expected<QVariant> TimeExtremes::newest(SqliteHandle &db, const QString &table, const QString &column)
{
    return extreme(db, table, column, true);
}

Expected<QVariant> TimeExtremes::oldest(SqliteHandle &db, const QString &table, const QString &column)
{
    return extreme(db, table, column, false);
}

Expected<qint64> TimeExtremes::rowsNewerThan(SqliteHandle &db, const QString &table, const QString &column,
                                             const QVariant &value)
{
    const bool instants = isInstantText(db, value);
    auto n = db.scalar(instants ? SqlText::sqlite("time_extremes", "rows_newer_instant", names(table, column))
                                : SqlText::sqlite("common", "rows_newer_than", names(table, column)),
                       instants ? QVariantList{value, value} : QVariantList{value});
    if (!n)
        return n.error();
    return n->toLongLong();
}

} // namespace dbops
