// PostgreSQL slow queries against a real load: pg_stat_statements figures and deltas, the sampling fallback,
// running statements with the blocking tree, cancel / terminate with their refusals and audit, EXPLAIN.
#include "activity/pgslowprobe.h"
#include "activity/pgstatements.h"
#include "activity/sessionactions.h"
#include "activity/statementsampler.h"
#include "connection/connector.h"
#include "dialect/sqltext.h"
#include "loadgen.h"
#include "pgtestserver.h"

#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {

const QString kDb = QStringLiteral("dbops_activity_slow");
const QString kBareDb = QStringLiteral("dbops_activity_slow_bare");
const QString kApp = QStringLiteral("trading_bot_slowtest");
const QString kBareApp = QStringLiteral("trading_bot_slowbare");
const QString kCountQuery = QStringLiteral("SELECT count(*) FROM slowtest_items WHERE id > 5");

const RunningQuery *findRunning(const SlowSnapshot &s, int pid)
{
    for (const RunningQuery &r : s.running)
        if (r.pid == pid)
            return &r;
    return nullptr;
}

const StatementStat *findStatement(const QList<StatementStat> &list, const QString &prefix)
{
    for (const StatementStat &s : list)
        if (s.query.startsWith(prefix))
            return &s;
    return nullptr;
}

} // namespace

class TestPgSlow : public QObject {
    Q_OBJECT

    std::unique_ptr<LoadedDatabase> m_db;
    QTemporaryDir m_dir;

    Expected<SlowSnapshot> probe(const SlowOptions &options, const QString &db = kDb, int samples = 1)
    {
        return SlowProbe::collect(PgTestServer::target(db), SessionOptions::monitor(), options, samples, 50);
    }

    static bool exec(const QString &db, const QStringList &sql)
    {
        SessionOptions o = SessionOptions::action();
        o.applicationName = QStringLiteral("trading_bot_slowsetup");
        ScopedConnection conn(PgTestServer::target(db), o, QStringLiteral("setup"));
        QSqlQuery q(conn.db());
        for (const QString &s : sql)
            if (!q.exec(s)) {
                qWarning() << s << q.lastError().text();
                return false;
            }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        m_db = std::make_unique<LoadedDatabase>(kDb);
        QVERIFY(!m_db->create());
        QVERIFY(exec(kDb, {QStringLiteral("CREATE TABLE slowtest_items (id int PRIMARY KEY)"),
                           QStringLiteral("INSERT INTO slowtest_items SELECT generate_series(1, 1000)")}));
        QStringList work;
        for (int i = 0; i < 7; ++i)
            work << kCountQuery;
        work << QStringLiteral("SELECT pg_sleep(0.15)") << QStringLiteral("SELECT pg_sleep(0.15)");
        QVERIFY(exec(kDb, work));
        LoadSpec spec;
        spec.application = kApp;
        spec.slow = 2;
        spec.idleInTransaction = 1;
        spec.chainWaiters = 2;
        spec.multiBlocked = true;
        const Error e = m_db->start(spec);
        QVERIFY2(!e, qPrintable(e.oneLine()));
    }

    void cleanupTestCase() { m_db.reset(); }

    void statementsFromPgStatStatements()
    {
        SlowOptions options;
        options.top = 1000;
        auto snap = probe(options);
        QVERIFY2(snap, qPrintable(snap.error().oneLine()));
        QCOMPARE(snap->source, QStringLiteral("pg_stat_statements"));
        const StatementStat *count =
            findStatement(snap->statements, QStringLiteral("SELECT count(*) FROM slowtest_items"));
        QVERIFY(count);
        QCOMPARE(count->calls, qint64(7));
        QCOMPARE(count->rows, qint64(7));
        QVERIFY(qAbs(count->meanMs - count->totalMs / 7) < 1e-9);
        QVERIFY(count->cacheHitPct >= 0 && count->cacheHitPct <= 100);
        const StatementStat *sleep = findStatement(snap->statements, QStringLiteral("SELECT pg_sleep($1)"));
        QVERIFY(sleep);
        QCOMPARE(sleep->calls, qint64(2));
        QVERIFY(sleep->meanMs >= 150);
        QCOMPARE(sleep->severity, Severity::Warning); // over 100 ms
        double pct = 0;
        for (const StatementStat &s : snap->statements)
            pct += s.pctOfTotal;
        QVERIFY(qAbs(pct - 100) < 1e-6);
    }

    void ordersByMeanTotalOrCalls_data()
    {
        QTest::addColumn<QString>("order");
        QTest::newRow("total") << QStringLiteral("total");
        QTest::newRow("mean") << QStringLiteral("mean");
        QTest::newRow("calls") << QStringLiteral("calls");
    }

    void ordersByMeanTotalOrCalls()
    {
        QFETCH(QString, order);
        SlowOptions options;
        options.order = order;
        options.top = 3;
        auto snap = probe(options);
        QVERIFY(snap);
        QCOMPARE(snap->statements.size(), 3);
        auto key = [&](const StatementStat &s) {
            return order == QLatin1String("mean")    ? s.meanMs
                   : order == QLatin1String("calls") ? double(s.calls)
                                                     : s.totalMs;
        };
        QVERIFY(key(snap->statements[0]) >= key(snap->statements[1]));
        QVERIFY(key(snap->statements[1]) >= key(snap->statements[2]));
    }

    void deltasSinceABaselineWithoutReset()
    {
        ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::monitor(), QStringLiteral("baseline"));
        auto baseline = StatementBaseline::capture(conn.db(), PgTestServer::target(kDb));
        QVERIFY(baseline);
        const QString state = m_dir.filePath(QStringLiteral("state.db"));
        QVERIFY(!baseline->save(QStringLiteral("slowtest"), state));
        QVERIFY(exec(kDb, {kCountQuery, kCountQuery, kCountQuery}));
        auto loaded = StatementBaseline::load(QStringLiteral("slowtest"), state);
        QVERIFY(loaded);
        QCOMPARE(loaded->byQueryId.size(), baseline->byQueryId.size());
        SlowOptions options;
        options.top = 1000;
        options.baseline = &loaded.value();
        auto delta = probe(options);
        QVERIFY(delta);
        QCOMPARE(delta->baselineAt, loaded->at);
        const StatementStat *count =
            findStatement(delta->statements, QStringLiteral("SELECT count(*) FROM slowtest_items"));
        QVERIFY(count);
        QCOMPARE(count->calls, qint64(3));
        QVERIFY(!findStatement(delta->statements, QStringLiteral("SELECT pg_sleep($1)"))); // no call since
        options.baseline = nullptr;
        auto whole = probe(options);
        QCOMPARE(findStatement(whole->statements, QStringLiteral("SELECT count(*) FROM slowtest_items"))->calls,
                 qint64(10)); // nothing was reset
    }

    void runningStatementsOverTheThreshold()
    {
        auto snap = probe({});
        QVERIFY(snap);
        for (int pid : m_db->load().slowPids()) {
            const RunningQuery *r = findRunning(snap.value(), pid);
            QVERIFY(r);
            QCOMPARE(r->query, QStringLiteral("SELECT pg_sleep(30)"));
            QCOMPARE(r->state, QStringLiteral("active"));
            QVERIFY(r->seconds > 0.1);
            QVERIFY(r->blockedBy.isEmpty());
        }
        const RunningQuery *tx = findRunning(snap.value(), m_db->load().idleInTransactionPids().first());
        QVERIFY(tx); // an open transaction over 100 ms
        QCOMPARE(tx->state, QStringLiteral("idle in transaction"));
        SlowOptions patient;
        patient.thresholdMs = 3600 * 1000;
        QVERIFY(!findRunning(probe(patient).value(), m_db->load().slowPids().first()));
    }

    // A statement the console sent is never the bot's running work, even when its session does not say
    // "dbops" (a pooler that drops application_name).
    void runningLeavesOutMarkedStatements()
    {
        PgActivity activity;
        for (const QString &query :
             {SqlText::marked(QStringLiteral("SELECT pg_sleep(5)")), QStringLiteral("SELECT pg_sleep(5)")}) {
            PgSession s;
            s.pid = int(activity.sessions.size()) + 100;
            s.application = QStringLiteral("pgbouncer");
            s.state = QStringLiteral("active");
            s.querySeconds = 5;
            s.query = query;
            activity.sessions << s;
        }
        const QList<RunningQuery> running = PgSlowProbe::running(activity, 100);
        QCOMPARE(running.size(), 1);
        QCOMPARE(running.first().pid, 101);
        StatementSampler sampler;
        sampler.add(activity, 100);
        const QList<StatementStat> sampled = sampler.top(QStringLiteral("total"), 10);
        QCOMPARE(sampled.size(), 1);
        QCOMPARE(sampled.first().query, QStringLiteral("SELECT pg_sleep(5)"));
    }

    void blockedByFromPgBlockingPids()
    {
        auto snap = probe({});
        QVERIFY(snap);
        const QList<int> chain = m_db->load().chainPids();
        QCOMPARE(findRunning(snap.value(), chain[0])->blockedBy, QList<int>{m_db->load().holderPid()});
        QCOMPARE(findRunning(snap.value(), chain[1])->blockedBy, QList<int>{chain[0]});
        QCOMPARE(findRunning(snap.value(), chain[1])->waitEventType, QStringLiteral("Lock"));
        const QList<int> multi = findRunning(snap.value(), m_db->load().multiBlockedPid())->blockedBy;
        QCOMPARE(QSet<int>(multi.cbegin(), multi.cend()), (QSet<int>{m_db->load().holderPid(), chain[0], chain[1]}));
        const RunningQuery *holder = findRunning(snap.value(), m_db->load().holderPid());
        QVERIFY(holder);
        QCOMPARE(holder->blocking, 3);
        QCOMPARE(snap->running.first().pid, m_db->load().holderPid()); // root blockers first
    }

    void blockingTreeRootBlockerFirst()
    {
        auto snap = probe({});
        QVERIFY(snap);
        const QList<int> chain = m_db->load().chainPids();
        const int holder = m_db->load().holderPid();
        const int multi = m_db->load().multiBlockedPid();
        QList<BlockingNode> mine;
        int i = 0;
        for (; i < snap->blockingTree.size() && snap->blockingTree[i].pid != holder; ++i) {
        }
        QVERIFY(i < snap->blockingTree.size());
        QCOMPARE(snap->blockingTree[i].depth, 0);
        QCOMPARE(snap->blockingTree[i].blockedCount, 3);
        for (++i; i < snap->blockingTree.size() && snap->blockingTree[i].depth > 0; ++i)
            mine << snap->blockingTree[i];
        // holder ─┬ chain0 ─┬ chain1 ── multi
        //         │         └ multi
        //         └ multi
        QList<QPair<int, int>> shape;
        for (const BlockingNode &n : mine)
            shape << qMakePair(n.pid, n.depth);
        const QList<QPair<int, int>> expected{{chain[0], 1}, {chain[1], 2}, {multi, 3}, {multi, 2}, {multi, 1}};
        QCOMPARE(shape, expected);
    }

    void samplingWithoutTheExtension()
    {
        LoadedDatabase bare(kBareDb);
        QVERIFY(!bare.create());
        QVERIFY(exec(kBareDb, {QStringLiteral("DROP EXTENSION IF EXISTS pg_stat_statements")}));
        LoadSpec spec;
        spec.application = kBareApp;
        spec.slow = 2;
        spec.slowSeconds = 31;
        QVERIFY(!bare.start(spec));
        auto snap = probe({}, kBareDb, 3);
        QVERIFY(snap);
        QCOMPARE(snap->source, QStringLiteral("sampling"));
        QCOMPARE(snap->samples, 3);
        QVERIFY(snap->extensionHint.contains(QStringLiteral("CREATE EXTENSION pg_stat_statements")));
        QVERIFY(snap->extensionHint.contains(kBareDb));
        const StatementStat *sleep = findStatement(snap->statements, QStringLiteral("SELECT pg_sleep(31)"));
        QVERIFY(sleep);
        QCOMPARE(sleep->calls, qint64(2)); // two executions, each counted once over three samples
        QVERIFY(sleep->meanMs > 100);
        QVERIFY(qAbs(sleep->totalMs - 2 * sleep->meanMs) < 1e-6);
    }

    void monitorReadsStatementsEveryNthRefresh()
    {
        ScopedConnection conn(m_db->target(), SessionOptions::monitor(), QStringLiteral("cache"));
        QVERIFY(conn.ok());
        StatementCache cache;
        SlowOptions options;
        options.top = 1000;
        const QString marker = QStringLiteral("SELECT count(*) FROM slowtest_items WHERE id < 3");
        const QString normalized = QStringLiteral("SELECT count(*) FROM slowtest_items WHERE id < $1");
        auto refresh = [&] {
            auto activity = PgActivityReader::read(conn.db(), m_db->target());
            return PgSlowProbe::run(conn.db(), m_db->target(), activity.value(), options, nullptr, &cache).value();
        };
        const SlowSnapshot first = refresh();
        QVERIFY(!findStatement(first.statements, normalized));
        QVERIFY(exec(kDb, {marker}));
        for (int i = 1; i < StatementCache::ReadEvery; ++i) { // shown as read at the first refresh
            const SlowSnapshot s = refresh();
            QCOMPARE(s.source, QStringLiteral("pg_stat_statements"));
            QCOMPARE(s.statements.size(), first.statements.size());
            QVERIFY(!findStatement(s.statements, normalized));
        }
        const SlowSnapshot nth = refresh();
        const StatementStat *read = findStatement(nth.statements, normalized);
        QVERIFY(read);
        QCOMPARE(read->calls, qint64(1));
        QCOMPARE(read->query, normalized);
        QCOMPARE(cache.texts.value(read->queryId), normalized);
    }

    void explainWithoutAnalyze()
    {
        ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::monitor(), QStringLiteral("explain"));
        auto plan = SessionActions::explain(conn.db(), PgTestServer::target(kDb),
                                            QStringLiteral("SELECT * FROM slowtest_items WHERE id = $1"));
        QVERIFY2(plan, qPrintable(plan.error().oneLine()));
        QVERIFY(plan->join(QLatin1Char(' ')).contains(QStringLiteral("slowtest_items")));
        auto plain = SessionActions::explain(conn.db(), PgTestServer::target(kDb), kCountQuery);
        QVERIFY(plain);
        QVERIFY(!plain->join(QLatin1Char(' ')).contains(QStringLiteral("actual time")));
    }

    void explainAnalyzeIsRolledBack()
    {
        ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("explain"));
        auto plan = SessionActions::explain(conn.db(), PgTestServer::target(kDb),
                                            QStringLiteral("INSERT INTO slowtest_items VALUES (5000)"), true);
        QVERIFY2(plan, qPrintable(plan.error().oneLine()));
        QVERIFY(plan->join(QLatin1Char(' ')).contains(QStringLiteral("actual time")));
        QSqlQuery q(conn.db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM slowtest_items")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1000);
    }

    void refusesOwnAndBackgroundSessions()
    {
        const AuditLog audit(m_dir.filePath(QStringLiteral("audit.db")));
        ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("actions"));
        QSqlQuery q(conn.db());
        QVERIFY(q.exec(QStringLiteral("SELECT pg_backend_pid()")) && q.next());
        const int self = q.value(0).toInt();
        QCOMPARE(
            SessionActions::signal(conn.db(), PgTestServer::target(kDb), self, SessionActions::Kind::Terminate, audit)
                .code,
            ErrorCode::Refused);
        QVERIFY(q.exec(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")) &&
                q.next());
        const int checkpointer = q.value(0).toInt();
        QCOMPARE(SessionActions::signal(conn.db(), PgTestServer::target(kDb), checkpointer,
                                        SessionActions::Kind::Cancel, audit)
                     .code,
                 ErrorCode::Refused);
        auto records = audit.recent();
        QVERIFY(records);
        QCOMPARE(records->size(), 2);
        for (const AuditRecord &r : records.value())
            QCOMPARE(r.outcome, QStringLiteral("refused"));
    }

    void cancelThenTerminateAreAudited()
    {
        const AuditLog audit(m_dir.filePath(QStringLiteral("audit2.db")));
        ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("actions"));
        const int slow = m_db->load().slowPids().first();
        const Error cancelled =
            SessionActions::signal(conn.db(), PgTestServer::target(kDb), slow, SessionActions::Kind::Cancel, audit);
        QVERIFY2(!cancelled, qPrintable(cancelled.oneLine()));
        QTRY_VERIFY(!findRunning(probe({}).value(), slow));
        const int multi = m_db->load().multiBlockedPid();
        QVERIFY(!SessionActions::signal(conn.db(), PgTestServer::target(kDb), multi, SessionActions::Kind::Terminate,
                                        audit));
        QSqlQuery q(conn.db());
        QTRY_VERIFY(q.exec(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = %1").arg(multi)) &&
                    q.next() && q.value(0).toInt() == 0);
        auto records = audit.recent();
        QVERIFY(records);
        QCOMPARE(records->size(), 2);
        QCOMPARE(records->at(0).action, QStringLiteral("terminate")); // newest first
        QCOMPARE(records->at(1).action, QStringLiteral("cancel"));
        QCOMPARE(records->at(1).outcome, QStringLiteral("ok"));
        QVERIFY(records->at(1).parameters.contains(QStringLiteral("pid=%1").arg(slow)));
        QVERIFY(records->at(1).parameters.contains(kApp));
    }
};

QTEST_GUILESS_MAIN(TestPgSlow)
#include "tst_pg_slow.moc"
