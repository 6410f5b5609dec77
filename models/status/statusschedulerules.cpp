#include "status/statusschedulerules.h"

#include "core/format.h"

#include <QRegularExpression>
#include <algorithm>

namespace dbops {
namespace {

// The state of one schedule and the words for it; Ok with an empty text when nothing is wrong.
QPair<CheckState, QString> judge(const ScheduleFact &f, const QDateTime &now, qint64 graceS)
{
    if (!f.enabled)
        return {CheckState::Ok, {}};
    if (f.lastResult == QLatin1String("failed"))
        return {CheckState::Critical, QStringLiteral("%1 failed %2").arg(f.name, Format::age(f.lastRun, now))};
    if (f.periodS > 0 && f.lastResult != QLatin1String("running")) {
        const QDateTime from = f.lastRun.isValid() ? f.lastRun : f.since;
        const qint64 due = f.periodS + std::max<qint64>(0, f.lastDurationS) + graceS;
        if (from.isValid() && from.secsTo(now) > due)
            return {CheckState::Critical,
                    f.lastRun.isValid()
                        ? QStringLiteral("%1 missed its run: last run %2, every %3")
                              .arg(f.name, Format::age(f.lastRun, now), Format::duration(f.periodS))
                        : QStringLiteral("%1 never ran (every %2)").arg(f.name, Format::duration(f.periodS))};
    }
    if (f.lastResult == QLatin1String("warning"))
        return {CheckState::Warning,
                QStringLiteral("%1 ended with a warning %2").arg(f.name, Format::age(f.lastRun, now))};
    return {CheckState::Ok, {}};
}

} // namespace

qint64 StatusScheduleRules::periodSeconds(const QString &every)
{
    const QString e = every.trimmed().toLower();
    static const QMap<QString, qint64> words{{QStringLiteral("minutely"), 60},
                                             {QStringLiteral("hourly"), 3600},
                                             {QStringLiteral("daily"), 86400},
                                             {QStringLiteral("weekly"), 7 * 86400},
                                             {QStringLiteral("monthly"), 31 * 86400}};
    if (words.contains(e))
        return words.value(e);
    static const QRegularExpression interval(QStringLiteral("^(\\d+)\\s*(m|min|h|d)$"));
    static const QRegularExpression clock(QStringLiteral("^\\d{1,2}:\\d{2}$"));
    if (const auto m = interval.match(e); m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const QString unit = m.captured(2);
        return n * (unit == QLatin1String("d") ? 86400 : unit == QLatin1String("h") ? 3600 : 60);
    }
    return clock.match(e).hasMatch() ? 86400 : -1;
}

StatusCheck StatusScheduleRules::schedules(const QList<ScheduleFact> &facts, const QDateTime &now, qint64 graceS)
{
    StatusCheck c =
        StatusCheck::named(QStringLiteral("schedules"), QStringLiteral("schedules"), QStringLiteral("count"));
    if (facts.isEmpty()) {
        c.state = CheckState::Neutral;
        c.reason = QStringLiteral("no scheduled job for this target (`dbops schedule add`)");
        return c;
    }
    c.state = CheckState::Ok;
    QStringList problems;
    for (const ScheduleFact &f : facts) {
        const auto [state, text] = judge(f, now, graceS);
        c.state = std::max(c.state, state);
        if (!text.isEmpty())
            problems << text;
    }
    c.value = problems.size();
    c.reason = problems.isEmpty() ? QStringLiteral("%1 schedule(s), each ran on time and succeeded").arg(facts.size())
                                  : problems.join(QStringLiteral("; "));
    return c;
}

} // namespace dbops
