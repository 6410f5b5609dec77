#include "activity/slowsnapshot.h"

#include "core/severityjson.h"

#include <QJsonArray>

namespace dbops {

namespace {

QJsonArray pidArray(const QList<int> &pids)
{
    QJsonArray a;
    for (int p : pids)
        a.append(p);
    return a;
}

// Nodes are depth-first: a node's children follow it with depth + 1.
QJsonArray treeJson(const QList<BlockingNode> &nodes, int &i, int depth)
{
    QJsonArray level;
    while (i < nodes.size() && nodes[i].depth == depth) {
        const BlockingNode &n = nodes[i++];
        QJsonObject o{{QStringLiteral("pid"), n.pid}, {QStringLiteral("blocked_count"), n.blockedCount}};
        o.insert(QStringLiteral("blocks"), treeJson(nodes, i, depth + 1));
        level.append(o);
    }
    return level;
}

QJsonObject statementJson(const StatementStat &s, bool probe)
{
    QJsonObject o{{QStringLiteral("query"), s.query},
                  {QStringLiteral("calls"), double(s.calls)},
                  {QStringLiteral("mean_ms"), s.meanMs},
                  {QStringLiteral("total_ms"), s.totalMs},
                  {QStringLiteral("pct_of_total"), s.pctOfTotal},
                  {QStringLiteral("rows"), s.rows >= 0 ? QJsonValue(double(s.rows)) : QJsonValue()},
                  {QStringLiteral("cache_hit_pct"), s.cacheHitPct >= 0 ? QJsonValue(s.cacheHitPct) : QJsonValue()},
                  {QStringLiteral("status"), severityName(s.severity)}};
    if (s.queryId != 0)
        o.insert(QStringLiteral("queryid"), QString::number(s.queryId));
    if (s.maxMs > 0)
        o.insert(QStringLiteral("max_ms"), s.maxMs);
    if (probe) {
        o.insert(QStringLiteral("name"), s.name);
        o.insert(QStringLiteral("plan"), QJsonArray::fromStringList(s.plan));
        o.insert(QStringLiteral("findings"), QJsonArray::fromStringList(s.findings));
        if (!s.error.isEmpty())
            o.insert(QStringLiteral("error"), s.error);
    }
    return o;
}

} // namespace

Severity SlowSnapshot::worst() const
{
    Severity w = Severity::Good;
    for (const StatementStat &s : statements)
        w = std::max(w, s.severity);
    for (const RunningQuery &r : running)
        if (!r.blockedBy.isEmpty() || r.seconds * 1000 > thresholdMs)
            w = std::max(w, Severity::Warning);
    return w;
}

QJsonObject SlowSnapshot::toJson() const
{
    const bool probes = source == QLatin1String("probes");
    QJsonArray stmts;
    for (const StatementStat &s : statements)
        stmts.append(statementJson(s, probes));
    QJsonArray run;
    for (const RunningQuery &r : running)
        run.append(QJsonObject{
            {QStringLiteral("pid"), r.pid},
            {QStringLiteral("query"), r.query},
            {QStringLiteral("seconds"), r.seconds},
            {QStringLiteral("blocked_by"), pidArray(r.blockedBy)},
            {QStringLiteral("blocking"), r.blocking},
            {QStringLiteral("application"), r.application},
            {QStringLiteral("user"), r.user},
            {QStringLiteral("database"), r.database},
            {QStringLiteral("state"), r.state},
            {QStringLiteral("wait_event_type"), r.waitEventType},
            {QStringLiteral("wait_event"), r.waitEvent},
            {QStringLiteral("transaction_seconds"), r.xactSeconds >= 0 ? QJsonValue(r.xactSeconds) : QJsonValue()}});
    int i = 0;
    QJsonObject o{{QStringLiteral("source"), source},
                  {QStringLiteral("at"), at.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("threshold_ms"), thresholdMs},
                  {QStringLiteral("order"), order},
                  {QStringLiteral("statements"), stmts},
                  {QStringLiteral("running"), run},
                  {QStringLiteral("blocking_tree"), treeJson(blockingTree, i, 0)},
                  {QStringLiteral("status"), severityName(worst())}};
    if (!extensionHint.isEmpty())
        o.insert(QStringLiteral("extension_hint"), extensionHint);
    if (baselineAt.isValid())
        o.insert(QStringLiteral("since"), baselineAt.toString(Qt::ISODateWithMs));
    if (source == QLatin1String("sampling"))
        o.insert(QStringLiteral("samples"), samples);
    return o;
}

} // namespace dbops
