#include "activity/pgslowprobe.h"

#include "activity/pgstatements.h"
#include "activity/sqliteprobes.h"
#include "connection/connector.h"

#include <QThread>
#include <algorithm>

namespace dbops {

QList<BlockingNode> PgSlowProbe::blockingTree(const PgActivity &activity)
{
    QHash<int, QList<int>> blockedBy;
    for (const PgSession &s : activity.sessions)
        if (!s.blockedBy.isEmpty())
            blockedBy.insert(s.pid, s.blockedBy);
    return BlockingTree::build(blockedBy);
}

QList<RunningQuery> PgSlowProbe::running(const PgActivity &activity, double thresholdMs)
{
    QHash<int, int> blocking;
    for (const BlockingNode &n : blockingTree(activity))
        blocking[n.pid] = std::max(blocking.value(n.pid), n.blockedCount);
    QList<RunningQuery> out;
    for (const PgSession &s : activity.sessions) {
        if (s.isOwnWork())
            continue;
        const SessionState state = s.category();
        const bool running = state == SessionState::Active || state == SessionState::Waiting;
        const bool inTx = state == SessionState::IdleInTransaction || state == SessionState::IdleInTransactionAborted;
        const double seconds = running ? s.querySeconds : inTx ? s.xactSeconds : 0;
        const bool over = (running || inTx) && seconds * 1000 > thresholdMs;
        if (!over && s.blockedBy.isEmpty() && !blocking.contains(s.pid))
            continue;
        RunningQuery r;
        r.pid = s.pid;
        r.application = s.application;
        r.user = s.user;
        r.database = s.database;
        r.state = s.state;
        r.waitEventType = s.waitEventType;
        r.waitEvent = s.waitEvent;
        r.seconds = std::max(seconds, 0.0);
        r.xactSeconds = s.xactSeconds;
        r.query = s.query;
        r.blockedBy = s.blockedBy;
        r.blocking = blocking.value(s.pid);
        out << r;
    }
    std::sort(out.begin(), out.end(), [](const RunningQuery &a, const RunningQuery &b) {
        if (a.blocking != b.blocking)
            return a.blocking > b.blocking;
        return a.seconds != b.seconds ? a.seconds > b.seconds : a.pid < b.pid;
    });
    return out;
}

Expected<SlowSnapshot> PgSlowProbe::run(QSqlDatabase db, const Target &target, const SlowOptions &options,
                                        StatementSampler *sampler)
{
    auto activity = PgActivityReader::read(db, target);
    if (!activity)
        return activity.error();
    return run(db, target, activity.value(), options, sampler);
}

Expected<SlowSnapshot> PgSlowProbe::run(QSqlDatabase db, const Target &target, const PgActivity &activity,
                                        const SlowOptions &options, StatementSampler *sampler, StatementCache *cache)
{
    SlowSnapshot snap;
    snap.at = activity.at;
    snap.thresholdMs = options.thresholdMs;
    snap.order = options.order;
    snap.running = running(activity, options.thresholdMs);
    snap.blockingTree = blockingTree(activity);
    const bool delta = options.baseline && options.baseline->isValid();
    if (cache && !delta && cache->reuse(options.order, options.top)) {
        snap.source = QStringLiteral("pg_stat_statements");
        snap.statements = cache->statements;
        for (StatementStat &st : snap.statements)
            st.severity = st.meanMs > options.thresholdMs ? Severity::Warning : Severity::Good;
        return snap;
    }
    auto status = PgStatements::status(db, target);
    if (!status)
        return status.error();
    if (status->usable) {
        snap.source = QStringLiteral("pg_stat_statements");
        auto top = PgStatements::top(db, target, options, cache ? &cache->texts : nullptr);
        if (!top)
            return top.error();
        snap.statements = top.value();
        if (cache && !delta)
            cache->remember(options.order, options.top, snap.statements);
        for (StatementStat &st : snap.statements)
            st.severity = st.meanMs > options.thresholdMs ? Severity::Warning : Severity::Good;
        if (options.baseline && options.baseline->isValid())
            snap.baselineAt = options.baseline->at;
        return snap;
    }
    if (cache)
        cache->usable = false;
    snap.source = QStringLiteral("sampling");
    snap.extensionHint = status->hint;
    StatementSampler local;
    StatementSampler &s = sampler ? *sampler : local;
    s.add(activity, options.thresholdMs);
    snap.statements = s.top(options.order, options.top);
    for (StatementStat &st : snap.statements)
        st.severity = Severity::Warning; // sampled only when over the threshold
    snap.samples = s.samples();
    return snap;
}

Expected<SlowSnapshot> SlowProbe::collect(const Target &target, const SessionOptions &session,
                                          const SlowOptions &options, int samples, int intervalMs)
{
    if (target.isSqlite())
        return SqliteProbes::collect(target, session, options);
    ScopedConnection conn(target, session, QStringLiteral("slow"));
    if (!conn.ok())
        return conn.error();
    StatementSampler sampler;
    Expected<SlowSnapshot> snap = PgSlowProbe::run(conn.db(), target, options, &sampler);
    for (int i = 1; snap && snap->source == QLatin1String("sampling") && i < samples; ++i) {
        QThread::msleep(ulong(std::max(intervalMs, 0)));
        snap = PgSlowProbe::run(conn.db(), target, options, &sampler);
    }
    return snap;
}

} // namespace dbops
