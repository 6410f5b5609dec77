#pragma once
// What the slow-query view shows: statements (pg_stat_statements, or sampled from pg_stat_activity, or the
// SQLite probes), what is running now over the threshold, and the blocking tree (root blockers first).
#include "activity/blockingtree.h"
#include "core/severity.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QStringList>

namespace dbops {

struct StatementStat {
    qint64 queryId = 0; // pg_stat_statements queryid; 0 when sampled or probed
    QString query;
    qint64 calls = 0;
    double totalMs = 0;
    double meanMs = 0;
    double maxMs = 0; // sampling and probes only
    qint64 rows = -1; // -1: unknown
    double pctOfTotal = 0;
    double cacheHitPct = -1; // -1: unknown (nothing read)
    // SQLite probes
    QString name;
    QStringList plan;     // EXPLAIN QUERY PLAN lines
    QStringList findings; // "full scan of trades (~1.2 M rows)"
    QString error;
    Severity severity = Severity::Normal;
};

struct RunningQuery {
    int pid = 0;
    QString application;
    QString user;
    QString database;
    QString state;
    QString waitEventType;
    QString waitEvent;
    double seconds = 0;      // the statement's age (active) or the transaction's (idle in transaction)
    double xactSeconds = -1; // -1: no open transaction
    QString query;
    QList<int> blockedBy;
    int blocking = 0; // sessions it blocks, directly or not
};

struct SlowSnapshot {
    QString source; // "pg_stat_statements" | "sampling" | "probes"
    QDateTime at;
    double thresholdMs = 100;
    QString order = QStringLiteral("total"); // "total" | "mean" | "calls"
    QString extensionHint;                   // how to enable pg_stat_statements when it is not usable
    QDateTime baselineAt;                    // valid: statements are deltas since then
    int samples = 0;                         // sampling: how many pg_stat_activity samples were aggregated
    QList<StatementStat> statements;
    QList<RunningQuery> running;
    QList<BlockingNode> blockingTree;

    Severity worst() const; // a blocked session or a statement over the threshold is a warning
    QJsonObject toJson() const;
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::SlowSnapshot)
