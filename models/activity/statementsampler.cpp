#include "activity/statementsampler.h"

#include <algorithm>

namespace dbops {

void StatementSampler::add(const PgActivity &activity, double thresholdMs)
{
    ++m_samples;
    for (const PgSession &s : activity.sessions) {
        const SessionState state = s.category();
        if (s.isOwnWork() || (state != SessionState::Active && state != SessionState::Waiting))
            continue;
        const double ms = s.querySeconds * 1000;
        if (ms <= thresholdMs)
            continue;
        const QString key = QStringLiteral("%1/%2").arg(s.pid).arg(s.queryStartMs);
        Execution &e = m_executions[key];
        e.query = s.query;
        e.ms = std::max(e.ms, ms);
    }
}

QList<StatementStat> StatementSampler::top(const QString &order, int count) const
{
    QHash<QString, StatementStat> byText;
    double allMs = 0;
    for (const Execution &e : m_executions) {
        StatementStat &s = byText[e.query];
        s.query = e.query;
        s.calls += 1;
        s.totalMs += e.ms;
        s.maxMs = std::max(s.maxMs, e.ms);
        allMs += e.ms;
    }
    QList<StatementStat> list;
    for (StatementStat s : byText) {
        s.meanMs = s.totalMs / s.calls;
        s.pctOfTotal = allMs > 0 ? 100.0 * s.totalMs / allMs : 0;
        list << s;
    }
    auto key = [&](const StatementStat &s) {
        return order == QLatin1String("mean")    ? s.meanMs
               : order == QLatin1String("calls") ? double(s.calls)
                                                 : s.totalMs;
    };
    std::sort(list.begin(), list.end(), [&](const StatementStat &a, const StatementStat &b) {
        return key(a) != key(b) ? key(a) > key(b) : a.query < b.query;
    });
    if (count > 0 && list.size() > count)
        list.resize(count);
    return list;
}

void StatementSampler::clear()
{
    m_executions.clear();
    m_samples = 0;
}

} // namespace dbops
