#include "schema/dataage.h"

#include "core/format.h"
#include "schema/datingcolumn.h"
#include "schema/timevalue.h"

namespace dbops {

QString DataAge::timeColumn(const QList<QPair<QString, QString>> &columns) { return DatingColumn::pick(columns); }

void DataAge::apply(TableHealth &t, const QVariant &oldest, const QVariant &newest, bool approximate,
                    const HealthOptions &options, HealthReport &report)
{
    const QDateTime first = TimeValue::parse(oldest);
    const QDateTime last = TimeValue::parse(newest);
    t.ageApproximate = approximate;
    t.oldest = first.isValid() ? first.toString(Qt::ISODateWithMs) : oldest.toString();
    t.newest = last.isValid() ? last.toString(Qt::ISODateWithMs) : newest.toString();
    if (!last.isValid())
        return;
    t.lastWriteAgeS = std::max<qint64>(0, last.secsTo(options.now));
    if (options.staleWriteSeconds > 0 && t.lastWriteAgeS > options.staleWriteSeconds)
        report.add(FindingSeverity::Warn, t.name, QStringLiteral("stale_writes"),
                   QStringLiteral("%1: last write %2 ago (newest %3 = %4; threshold %5) — is the bot stopped?")
                       .arg(t.name, Format::duration(t.lastWriteAgeS), t.timeColumn, t.newest,
                            Format::duration(options.staleWriteSeconds)));
}

void DataAge::retention(const RetentionRule &rule, const QVariant &oldest, const HealthOptions &options,
                        HealthReport &report)
{
    const QDateTime first = TimeValue::parse(oldest);
    if (!first.isValid())
        return;
    const qint64 age = first.secsTo(options.now);
    if (age <= rule.keepSeconds)
        return;
    report.add(FindingSeverity::Warn, rule.table, QStringLiteral("retention_exceeded"),
               QStringLiteral("%1 holds rows older than its retention policy keeps (policy %2: keep %3; oldest "
                              "%4 = %5, %6 old)")
                   .arg(rule.table, rule.text, Format::duration(rule.keepSeconds), rule.column,
                        first.toString(Qt::ISODateWithMs), Format::duration(age)));
}

} // namespace dbops
