#include "ops/drillrecord.h"

#include <QJsonArray>

namespace dbops {

QJsonObject DrillRecord::toJson() const
{
    return QJsonObject{{QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("status"), passed ? QStringLiteral("passed") : QStringLiteral("failed")},
                       {QStringLiteral("restore_s"), double(restoreMs) / 1000.0},
                       {QStringLiteral("tables"), tables},
                       {QStringLiteral("counts_match"), countsMatch},
                       {QStringLiteral("problems"), QJsonArray::fromStringList(problems)}};
}

DrillRecord DrillRecord::fromJson(const QJsonObject &o)
{
    DrillRecord r;
    r.at = QDateTime::fromString(o.value(QLatin1String("at")).toString(), Qt::ISODateWithMs);
    r.passed = o.value(QLatin1String("status")).toString() == QLatin1String("passed");
    r.restoreMs = qint64(o.value(QLatin1String("restore_s")).toDouble() * 1000.0 + 0.5);
    r.tables = o.value(QLatin1String("tables")).toInt();
    r.countsMatch = o.value(QLatin1String("counts_match")).toBool();
    for (const QJsonValue &p : o.value(QLatin1String("problems")).toArray())
        r.problems << p.toString();
    return r;
}

} // namespace dbops
