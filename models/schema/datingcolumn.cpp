#include "schema/datingcolumn.h"

namespace dbops {

namespace {
// Preferred first: the names trading bots use for "when this row happened".
const char *const kTimestampNames[] = {"timestamp",   "ts",        "time",      "open_time",  "created_at",
                                       "executed_at", "filled_at", "opened_at", "updated_at", "closed_at",
                                       "close_time",  "datetime",  "date",      "at",         "applied_at"};
} // namespace

QString DatingColumn::pick(const QList<QPair<QString, QString>> &columns)
{
    for (const char *wanted : kTimestampNames)
        for (const auto &c : columns)
            if (c.first.compare(QLatin1String(wanted), Qt::CaseInsensitive) == 0)
                return c.first;
    // Then the names bots give the rest: calculated_at, recorded_at, event_time, bar_ts…
    for (const auto &c : columns) {
        const QString name = c.first.toLower();
        if (name.endsWith(QLatin1String("_at")) || name.endsWith(QLatin1String("_time")) ||
            name.endsWith(QLatin1String("_ts")))
            return c.first;
    }
    for (const auto &c : columns) {
        const QString type = c.second.toUpper();
        if (type.contains(QLatin1String("TIME")) || type.contains(QLatin1String("DATE")))
            return c.first;
    }
    return {};
}

} // namespace dbops
