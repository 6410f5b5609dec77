#include "activity/activityhistory.h"

#include "activity/activitystate.h"
#include "activity/poolprobe.h"
#include "dialect/sqltext.h"

#include <QSet>
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
        q.prepare(SqlText::sqlite("activity_state", "samples_insert"));
        for (const QVariant &v :
             {QVariant(m_targetKey), QVariant(s.at.toMSecsSinceEpoch()), QVariant(s.counts.active),
              QVariant(s.counts.waiting), QVariant(s.counts.idle), QVariant(s.counts.idleInTransaction),
              QVariant(s.counts.idleInTransactionAborted), QVariant(s.counts.other), QVariant(s.console),
              QVariant(s.available), QVariant(s.poolMax), QVariant(s.intervalMs)})
            q.addBindValue(v);
        if (!q.exec())
            return ActivityState::stateError(db.databaseName(), QStringLiteral("record a pool sample"),
                                             q.lastError().text());
        return prune(db, QStringLiteral("activity_samples"), s.at);
    });
}

Error ActivityHistory::prune(QSqlDatabase &db, const QString &table, const QDateTime &newest) const
{
    QSqlQuery q(db);
    q.prepare(SqlText::sqlite("activity_state", "prune", {{"table", table}}));
    q.addBindValue(m_targetKey);
    q.addBindValue(newest.toMSecsSinceEpoch() - m_retentionSeconds * 1000);
    if (!q.exec())
        return ActivityState::stateError(db.databaseName(), QStringLiteral("prune old samples"), q.lastError().text());
    return {};
}

Error ActivityHistory::readRange(const QString &sql, const QString &what, const QDateTime &from, const QDateTime &to,
                                 const std::function<void(const QSqlQuery &)> &row) const
{
    return ActivityState::with(m_stateFile, [&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(sql);
        q.addBindValue(m_targetKey);
        q.addBindValue(from.toMSecsSinceEpoch());
        q.addBindValue(to.toMSecsSinceEpoch());
        if (!q.exec())
            return ActivityState::stateError(db.databaseName(), what, q.lastError().text());
        while (q.next())
            row(q);
        return {};
    });
}

Expected<QList<ActivitySample>> ActivityHistory::load(const QDateTime &from, const QDateTime &to) const
{
    QList<ActivitySample> samples;
    const Error e = readRange(SqlText::sqlite("activity_state", "samples_range"),
                              QStringLiteral("read the pool history"), from, to, [&](const QSqlQuery &q) {
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
                              });
    if (e)
        return e;
    markGaps(samples);
    return samples;
}

SqliteSample SqliteSample::fromPool(const PoolSnapshot &pool, int intervalMs)
{
    SqliteSample s;
    s.at = pool.at.isValid() ? pool.at : QDateTime::currentDateTimeUtc();
    s.intervalMs = intervalMs;
    QSet<qint64> holders;
    for (const SqlitePool &p : pool.sqlite) {
        s.walBytes += p.walBytes;
        s.writeLocksHeld += p.writeLock == SqlitePool::WriteLock::Held ? 1 : 0;
        s.lockProbeMs = std::max(s.lockProbeMs, p.lockProbeMs);
        s.checkpointsBusy += p.checkpoint.ran && p.checkpoint.busy ? 1 : 0;
        for (const FileHolder &h : p.holders.holders)
            if (!h.isSelf)
                holders.insert(h.pid);
    }
    s.holders = int(holders.size());
    return s;
}

Error ActivityHistory::appendSqlite(const SqliteSample &s) const
{
    return ActivityState::with(m_stateFile, [&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        q.prepare(SqlText::sqlite("activity_state", "sqlite_samples_insert"));
        for (const QVariant &v : {QVariant(m_targetKey), QVariant(s.at.toMSecsSinceEpoch()), QVariant(s.walBytes),
                                  QVariant(s.writeLocksHeld), QVariant(s.lockProbeMs), QVariant(s.holders),
                                  QVariant(s.checkpointsBusy), QVariant(s.intervalMs)})
            q.addBindValue(v);
        if (!q.exec())
            return ActivityState::stateError(db.databaseName(), QStringLiteral("record a SQLite sample"),
                                             q.lastError().text());
        return prune(db, QStringLiteral("activity_sqlite_samples"), s.at);
    });
}

Expected<QList<SqliteSample>> ActivityHistory::loadSqlite(const QDateTime &from, const QDateTime &to) const
{
    QList<SqliteSample> samples;
    const Error e = readRange(SqlText::sqlite("activity_state", "sqlite_samples_range"),
                              QStringLiteral("read the SQLite history"), from, to, [&](const QSqlQuery &q) {
                                  SqliteSample s;
                                  s.at = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
                                  s.walBytes = q.value(1).toLongLong();
                                  s.writeLocksHeld = q.value(2).toInt();
                                  s.lockProbeMs = q.value(3).toDouble();
                                  s.holders = q.value(4).toInt();
                                  s.checkpointsBusy = q.value(5).toInt();
                                  s.intervalMs = q.value(6).toInt();
                                  samples << s;
                              });
    if (e)
        return e;
    markGaps(samples);
    return samples;
}

} // namespace dbops
