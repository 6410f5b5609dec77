// The status board's rules for what the activity probes see: connections, statements running or blocked now,
// who writes (and lock files left behind), the WAL and checkpoints.
#include "activity/pgslowprobe.h"
#include "core/format.h"
#include "status/statusrules.h"

#include <QFileInfo>
#include <QSet>
#include <algorithm>

namespace dbops {
namespace {

// The statistics' window long enough to judge checkpoints by (12 of the timer's 5 minutes).
constexpr qint64 kCheckpointWindowS = 3600;

CheckState fromSeverity(Severity severity)
{
    switch (severity) {
    case Severity::Critical: return CheckState::Critical;
    case Severity::Warning: return CheckState::Warning;
    default: return CheckState::Ok;
    }
}

QString pct(double value) { return QString::number(value, 'f', 0) + QStringLiteral(" %"); }

QString storeName(const QString &path) { return QFileInfo(path).fileName(); }

// The processes (not this one) holding any of the stores open.
QSet<qint64> holderPids(const QList<SqlitePool> &stores, QStringList *names = nullptr)
{
    QSet<qint64> pids;
    for (const SqlitePool &s : stores)
        for (const FileHolder &h : s.holders.holders)
            if (!h.isSelf && !pids.contains(h.pid)) {
                pids.insert(h.pid);
                if (names)
                    *names << QStringLiteral("%1 (pid %2)").arg(h.command).arg(h.pid);
            }
    return pids;
}

// A row that depends on other sessions' details while the console's user cannot see them: unknown at best
// (a warning or critical found among the sessions seen stays), the privilege hint first in its reason.
void notSeen(StatusCheck &c, const QString &hint, int hidden, const QString &seen)
{
    c.state = std::max(c.state, CheckState::Unknown);
    c.reason = QStringLiteral("%1 (%2 session(s) not seen); %3").arg(hint).arg(hidden).arg(seen);
}

} // namespace

StatusCheck StatusRules::connectionsPg(const PgPool &pool, const QMap<QString, int> &maxima)
{
    StatusCheck c =
        StatusCheck::named(QStringLiteral("connections"), QStringLiteral("activity"), QStringLiteral("percent"));
    c.state = fromSeverity(pool.worst());
    c.value = pool.usagePct;
    QStringList parts{QStringLiteral("%1 of %2 connections in use (%3)")
                          .arg(pool.total)
                          .arg(pool.availableConnections)
                          .arg(pct(pool.usagePct))};
    bool anyPool = false;
    for (const AppUsage &a : pool.applications) {
        if (a.poolMax <= 0)
            continue;
        anyPool = true;
        parts << QStringLiteral("%1: %2 of its pool of %3 (%4)")
                     .arg(a.name.isEmpty() ? QStringLiteral("(no name)") : a.name)
                     .arg(a.counts.total())
                     .arg(a.poolMax)
                     .arg(pct(a.usagePct));
    }
    for (auto it = maxima.cbegin(); it != maxima.cend(); ++it)
        if (std::none_of(pool.applications.cbegin(), pool.applications.cend(),
                         [&](const AppUsage &a) { return a.name == it.key(); })) {
            anyPool = true;
            parts << QStringLiteral("%1: not connected (pool of %2)").arg(it.key()).arg(it.value());
        }
    if (!anyPool)
        parts << QStringLiteral("no bot pool maximum in the profile");
    if (!pool.leakSuspects.isEmpty())
        parts << QStringLiteral("%1 leak suspect(s), e.g. pid %2: %3")
                     .arg(pool.leakSuspects.size())
                     .arg(pool.leakSuspects.first().pid)
                     .arg(pool.leakSuspects.first().reason);
    c.reason = parts.join(QStringLiteral("; "));
    if (pool.othersHidden()) // their leaks cannot be judged; the count stays right
        notSeen(c, pool.privilegeHint, pool.hiddenSessions, c.reason);
    return c;
}

StatusCheck StatusRules::connectionsSqlite(const QList<SqlitePool> &stores)
{
    StatusCheck c =
        StatusCheck::named(QStringLiteral("connections"), QStringLiteral("activity"), QStringLiteral("count"));
    QStringList names;
    const QSet<qint64> pids = holderPids(stores, &names);
    const bool seen =
        std::all_of(stores.begin(), stores.end(), [](const SqlitePool &s) { return s.holders.supported; });
    c.state = seen ? CheckState::Ok : CheckState::Unknown;
    c.value = seen ? QJsonValue(pids.size()) : QJsonValue();
    if (!seen)
        c.reason = QStringLiteral("which processes hold the store open cannot be seen (no /proc)");
    else if (pids.isEmpty())
        c.reason = QStringLiteral("no process has the store open (SQLite has no connection limit)");
    else
        c.reason = QStringLiteral("%1 process(es) hold the store open: %2 (SQLite has no connection limit)")
                       .arg(pids.size())
                       .arg(names.join(QStringLiteral(", ")));
    return c;
}

StatusCheck StatusRules::queriesPg(const PgActivity &activity, const StatusThresholds &t)
{
    StatusCheck c = StatusCheck::named(QStringLiteral("queries"), QStringLiteral("activity"), QStringLiteral("count"));
    const QList<RunningQuery> running = PgSlowProbe::running(activity, t.statementSeconds * 1000);
    int blocked = 0;
    int slow = 0;
    const RunningQuery *longestBlocked = nullptr;
    const RunningQuery *longest = nullptr;
    for (const RunningQuery &r : running) {
        if (!r.blockedBy.isEmpty()) {
            ++blocked;
            if (!longestBlocked || r.seconds > longestBlocked->seconds)
                longestBlocked = &r;
        } else if (r.seconds >= t.statementSeconds) {
            ++slow;
            if (!longest || r.seconds > longest->seconds)
                longest = &r;
        }
    }
    c.value = blocked + slow;
    c.state = blocked == 0 && slow == 0 ? CheckState::Ok : CheckState::Warning;
    if (longestBlocked && longestBlocked->seconds >= t.blockedCriticalSeconds)
        c.state = CheckState::Critical;
    QStringList parts;
    if (longestBlocked)
        parts << QStringLiteral("%1 session(s) blocked; pid %2 (%3) has waited %4 for pid %5")
                     .arg(blocked)
                     .arg(longestBlocked->pid)
                     .arg(longestBlocked->application)
                     .arg(Format::duration(qint64(longestBlocked->seconds)))
                     .arg(longestBlocked->blockedBy.first());
    if (longest)
        parts << QStringLiteral("%1 statement(s) or transaction(s) running over %2; pid %3 (%4) for %5")
                     .arg(slow)
                     .arg(Format::duration(qint64(t.statementSeconds)))
                     .arg(longest->pid)
                     .arg(longest->application)
                     .arg(Format::duration(qint64(longest->seconds)));
    c.reason = parts.isEmpty() ? QStringLiteral("nothing blocked, nothing running over %1")
                                     .arg(Format::duration(qint64(t.statementSeconds)))
                               : parts.join(QStringLiteral("; "));
    if (activity.othersHidden())
        notSeen(c, activity.privilegeHint(), activity.hiddenSessions(),
                parts.isEmpty() ? QStringLiteral("among the sessions seen: nothing blocked or running long")
                                : c.reason);
    return c;
}

StatusCheck StatusRules::queriesSqlite(const QList<SqlitePool> &stores, const QList<WriteLockSeen> &locks)
{
    StatusCheck c = StatusCheck::named(QStringLiteral("queries"), QStringLiteral("activity"), QStringLiteral("count"));
    int waiting = 0;
    QStringList held;
    bool known = true;
    for (const WriteLockSeen &seen : locks) {
        known = known && seen.known;
        waiting += seen.waiters.size();
    }
    for (const SqlitePool &s : stores) {
        if (s.writeLock == SqlitePool::WriteLock::Held)
            held << QStringLiteral("%1 %2").arg(storeName(s.path), s.writeLockText());
    }
    c.value = known ? QJsonValue(waiting) : QJsonValue();
    c.state = !known ? CheckState::Unknown : waiting > 0 ? CheckState::Warning : CheckState::Ok;
    if (!known)
        c.reason = QStringLiteral("who holds the write lock cannot be seen (/proc/locks unreadable)");
    else if (waiting > 0)
        c.reason = QStringLiteral("%1 process(es) blocked waiting for the write lock: %2")
                       .arg(waiting)
                       .arg(held.join(QStringLiteral("; ")));
    else
        c.reason = held.isEmpty()
                       ? QStringLiteral("write lock free, nobody waiting")
                       : QStringLiteral("nobody waiting; write lock: %1").arg(held.join(QStringLiteral("; ")));
    return c;
}

StatusCheck StatusRules::writerPg(const PgPool &pool)
{
    StatusCheck c = StatusCheck::named(QStringLiteral("writer"), QStringLiteral("activity"), QStringLiteral("count"));
    c.state = CheckState::Ok;
    QStringList apps;
    for (const AppUsage &a : pool.applications)
        apps << QStringLiteral("%1 (%2)")
                    .arg(a.name.isEmpty() ? QStringLiteral("(no name)") : a.name)
                    .arg(a.counts.total());
    c.value = pool.counts.total();
    c.reason = apps.isEmpty() ? QStringLiteral("no client session besides dbops (the bot is not connected)")
                              : QStringLiteral("client sessions: %1").arg(apps.join(QStringLiteral(", ")));
    if (pool.othersHidden())
        notSeen(c, pool.privilegeHint, pool.hiddenSessions, c.reason);
    return c;
}

StatusCheck StatusRules::writerSqlite(const QList<SqlitePool> &stores)
{
    StatusCheck c = StatusCheck::named(QStringLiteral("writer"), QStringLiteral("cleanup"), QStringLiteral("count"));
    QStringList names;
    const int holders = holderPids(stores, &names).size();
    QStringList stale;
    bool storeAbandoned = false; // a stale lock where nobody has the store open: the bot is gone
    for (const SqlitePool &s : stores)
        for (const DiscoveredItem &lock : s.lockFiles)
            if (lock.pid > 0 && !lock.lockAlive) {
                stale << QStringLiteral("%1 names pid %2, which holds no lock")
                             .arg(lock.relativePath.isEmpty() ? storeName(lock.path) : lock.relativePath)
                             .arg(lock.pid);
                const bool anyHolder = std::any_of(s.holders.holders.begin(), s.holders.holders.end(),
                                                   [](const FileHolder &h) { return !h.isSelf; });
                storeAbandoned = storeAbandoned || !anyHolder;
            }
    c.value = stale.size();
    if (!stale.isEmpty()) {
        c.state = storeAbandoned ? CheckState::Critical : CheckState::Warning;
        c.reason = QStringLiteral("stale lock file: %1; %2 — the bot may refuse to start (Cleanup → Locks removes it)")
                       .arg(stale.join(QStringLiteral("; ")),
                            holders ? QStringLiteral("writing now: %1").arg(names.join(QStringLiteral(", ")))
                                    : QStringLiteral("nobody has the store open"));
        return c;
    }
    c.state = CheckState::Ok;
    c.reason = holders ? QStringLiteral("writing now: %1; no stale lock file").arg(names.join(QStringLiteral(", ")))
                       : QStringLiteral("nobody has the store open (the bot is not running); no stale lock file");
    return c;
}

StatusCheck StatusRules::walPg(const Expected<PgWalFacts> &facts)
{
    StatusCheck c = StatusCheck::named(QStringLiteral("wal"), QStringLiteral("activity"), QStringLiteral("count"));
    if (!facts) {
        c.state = CheckState::Unknown;
        c.reason = QStringLiteral("checkpoint and archiving figures not readable: %1").arg(facts.error().message);
        return c;
    }
    const PgWalFacts &f = facts.value();
    const qint64 total = f.checkpointsTimed + f.checkpointsRequested;
    c.value = f.checkpointsRequested;
    c.state = CheckState::Ok;
    QStringList parts{QStringLiteral("%1 checkpoints since the statistics reset, %2 requested")
                          .arg(total)
                          .arg(f.checkpointsRequested)};
    // Requested checkpoints outnumbering the timer's over a long window: the write rate fills max_wal_size. Over
    // a short one they say little: CREATE DATABASE, base backups and CHECKPOINT are counted as requested too, and
    // a server up for minutes has had no timer yet.
    if (total >= 10 && f.checkpointsRequested > f.checkpointsTimed && f.statsWindowS >= kCheckpointWindowS) {
        c.state = CheckState::Warning;
        parts << QStringLiteral("more requested than timed over %1: if the writes force them, raise max_wal_size")
                     .arg(Format::duration(f.statsWindowS));
    }
    if (!f.archive.enabled()) {
        parts << QStringLiteral("WAL archiving off");
    } else if (f.archive.failing()) {
        c.state = CheckState::Critical;
        parts << QStringLiteral("WAL archiving failing since %1 (%2 failures)")
                     .arg(f.archive.lastFailedAt.toString(Qt::ISODate))
                     .arg(f.archive.failedCount);
    } else {
        parts << QStringLiteral("WAL archiving working");
    }
    c.reason = parts.join(QStringLiteral("; "));
    return c;
}

StatusCheck StatusRules::walSqlite(const QList<SqlitePool> &stores)
{
    StatusCheck c = StatusCheck::named(QStringLiteral("wal"), QStringLiteral("activity"), QStringLiteral("count"));
    c.state = CheckState::Ok;
    // The WAL store furthest behind (then the biggest WAL) speaks for all: -1 behind when its state was not read.
    const SqlitePool *worst = nullptr;
    qint64 worstBehind = -1;
    for (const SqlitePool &s : stores) {
        if (s.journalMode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            continue;
        const SqliteCheckpoint &k = s.checkpoint;
        const qint64 behind = k.logFrames >= 0 && k.checkpointed >= 0 ? k.logFrames - k.checkpointed : -1;
        if (!worst || behind > worstBehind || (behind == worstBehind && s.walBytes > worst->walBytes)) {
            worst = &s;
            worstBehind = behind;
        }
    }
    if (!worst) {
        c.reason = QStringLiteral("no store in WAL mode (rollback journal)");
        return c;
    }
    c.value = worstBehind < 0 ? QJsonValue() : QJsonValue(worstBehind);
    c.reason = QStringLiteral("%1: WAL %2, %3")
                   .arg(storeName(worst->path), Format::bytes(worst->walBytes),
                        worstBehind < 0 ? QStringLiteral("checkpoint state not read")
                                        : QStringLiteral("%1 of %2 frames not checkpointed")
                                              .arg(worstBehind)
                                              .arg(worst->checkpoint.logFrames));
    if (worstBehind > SqlitePoolProbe::StarvationFrames) {
        c.state = CheckState::Warning;
        c.reason += QStringLiteral(": checkpoints are starved (a reader stays open or checkpoints do not run)");
    }
    return c;
}

} // namespace dbops
