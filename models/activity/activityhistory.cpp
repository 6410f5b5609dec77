#include "activity/activityhistory.h"

#include "activity/activitystate.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dbops {

ActivitySample ActivitySample::fromPool(const PgPool &pool, int intervalMs)
{
    ActivitySample s;
    s.at = pool.at;
    s.counts = pool.counts;
    s.console = pool.consoleCounts.total();
    s.available = pool.availableConnections;
    for (const AppUsage &a : pool.applications)
        s.poolMax += a.poolMax;
    s.intervalMs = intervalMs;
    return s;
}

ActivityHistory::ActivityHistory(const QString &targetKey, const QString &stateFile)
    : m_targetKey(targetKey), m_stateFile(stateFile)
{}

Error ActivityHistory::append(const ActivitySample &s) const
{
    return ActivityState::with(m_stateFile, [&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("INSERT INTO activity_samples (target, at_ms, active, waiting, idle, idle_in_transaction,"
                           " aborted, other, console, available, pool_max, interval_ms)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariant &v :
             {QVariant(m_targetKey), QVariant(s.at.toMSecsSinceEpoch()), QVariant(s.counts.active),
              QVariant(s.counts.waiting), QVariant(s.counts.idle), QVariant(s.counts.idleInTransaction),
              QVariant(s.counts.idleInTransactionAborted), QVariant(s.counts.other), QVariant(s.console),
              QVariant(s.available), QVariant(s.poolMax), QVariant(s.intervalMs)})
            q.addBindValue(v);
        if (!q.exec())
            return ActivityState::stateError(db.databaseName(), QStringLiteral("record a pool sample"),
                                             q.lastError().text());
        q.prepare(QStringLiteral("DELETE FROM activity_samples WHERE target = ? AND at_ms < ?"));
        q.addBindValue(m_targetKey);
        q.addBindValue(s.at.toMSecsSinceEpoch() - m_retentionSeconds * 1000);
        if (!q.exec())
            return ActivityState::stateError(db.databaseName(), QStringLiteral("prune old pool samples"),
                                             q.lastError().text());
        return {};
    });
}

Expected<QList<ActivitySample>> ActivityHistory::load(const QDateTime &from, const QDateTime &to) const
{
    QList<ActivitySample> samples;
    const Error e = ActivityState::with(m_stateFile, [&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT at_ms, active, waiting, idle, idle_in_transaction, aborted, other, console,"
                                 " available, pool_max, interval_ms FROM activity_samples"
                                 " WHERE target = ? AND at_ms BETWEEN ? AND ? ORDER BY at_ms"));
        q.addBindValue(m_targetKey);
        q.addBindValue(from.toMSecsSinceEpoch());
        q.addBindValue(to.toMSecsSinceEpoch());
        if (!q.exec())
            return ActivityState::stateError(db.databaseName(), QStringLiteral("read the pool history"),
                                             q.lastError().text());
        while (q.next()) {
            ActivitySample s;
            s.at = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
            s.counts.active = q.value(1).toInt();
            s.counts.waiting = q.value(2).toInt();
            s.counts.idle = q.value(3).toInt();
            s.counts.idleInTransaction = q.value(4).toInt();
            s.counts.idleInTransactionAborted = q.value(5).toInt();
            s.counts.other = q.value(6).toInt();
            s.console = q.value(7).toInt();
            s.available = q.value(8).toInt();
            s.poolMax = q.value(9).toInt();
            s.intervalMs = q.value(10).toInt();
            samples << s;
        }
        return {};
    });
    if (e)
        return e;
    markGaps(samples);
    return samples;
}

void ActivityHistory::markGaps(QList<ActivitySample> &samples)
{
    for (int i = 1; i < samples.size(); ++i) {
        const qint64 interval = std::max(samples[i].intervalMs, samples[i - 1].intervalMs);
        samples[i].gapBefore = samples[i - 1].at.msecsTo(samples[i].at) > 3 * std::max<qint64>(interval, 1000);
    }
}

} // namespace dbops
