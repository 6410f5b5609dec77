// PostgreSQL pool usage against a real load: exact counts per state, usage against pool maxima, leak suspects.
#include "activity/poolprobe.h"
#include "loadgen.h"
#include "pgtestserver.h"

#include <QJsonArray>
#include <QSet>
#include <QThread>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {

const QString kDb = QStringLiteral("dbops_activity_pool");
const QString kApp = QStringLiteral("trading_bot_pooltest");

const AppUsage *findApp(const PgPool &pool, const QString &name)
{
    for (const AppUsage &a : pool.applications)
        if (a.name == name)
            return &a;
    return nullptr;
}

QSet<int> suspectPids(const PgPool &pool, const QString &application)
{
    QSet<int> pids;
    for (const LeakSuspect &l : pool.leakSuspects)
        if (l.application == application)
            pids.insert(l.pid);
    return pids;
}

} // namespace

class TestPgPool : public QObject {
    Q_OBJECT

    std::unique_ptr<LoadedDatabase> m_db;

    PgPool probe(const PoolOptions &options)
    {
        auto snap = PoolProbe::collect(PgTestServer::target(kDb), SessionOptions::monitor(), options);
        if (!snap)
            qWarning() << snap.error().oneLine();
        return snap && snap->pg ? *snap->pg : PgPool{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        m_db = std::make_unique<LoadedDatabase>(kDb);
        LoadSpec spec;
        spec.application = kApp;
        spec.idle = 3;
        spec.idleInTransaction = 2;
        spec.aborted = 1;
        spec.slow = 2;
        spec.chainWaiters = 2;
        const Error e = m_db->start(spec);
        QVERIFY2(!e, qPrintable(e.oneLine()));
    }

    void cleanupTestCase() { m_db.reset(); }

    void countsEveryStateOfTheApplication()
    {
        const PgPool pool = probe({});
        const AppUsage *app = findApp(pool, kApp);
        QVERIFY(app);
        QCOMPARE(app->counts.total(), 11);
        QCOMPARE(app->counts.active, 2);  // the slow statements
        QCOMPARE(app->counts.waiting, 2); // the lock chain's waiters
        QCOMPARE(app->counts.idle, 3);
        QCOMPARE(app->counts.idleInTransaction, 3); // two plus the lock holder
        QCOMPARE(app->counts.idleInTransactionAborted, 1);
        QCOMPARE(app->counts.other, 0);
    }

    void groupsByUserAddressAndDatabase()
    {
        const AppUsage *app = findApp(probe({}), kApp);
        QVERIFY(app);
        QCOMPARE(app->groups.size(), 1);
        QCOMPARE(app->groups[0].database, kDb);
        QCOMPARE(app->groups[0].user, qEnvironmentVariable("DBOPS_TEST_PGUSER"));
        QCOMPARE(app->groups[0].clientAddr, QStringLiteral("127.0.0.1"));
        QCOMPARE(app->groups[0].counts.total(), 11);
    }

    void excludesTheConsoleOwnSessions()
    {
        const PgPool pool = probe({});
        QVERIFY(pool.consoleCounts.total() >= 1); // the probe's own session at least
        for (const AppUsage &a : pool.applications)
            QVERIFY2(!PgSession::isConsoleApplication(a.name), qPrintable(a.name));
        int bots = 0;
        for (const AppUsage &a : pool.applications)
            bots += a.counts.total();
        QCOMPARE(bots + pool.consoleCounts.total(), pool.total);
        QCOMPARE(pool.counts.total(), bots);
    }

    void capacityIsMaxConnectionsMinusReserved()
    {
        const PgPool pool = probe({});
        QCOMPARE(pool.maxConnections, 100); // tests/pg-server.sh
        QCOMPARE(pool.reservedConnections, 3);
        QCOMPARE(pool.availableConnections, 97);
        QVERIFY(qAbs(pool.usagePct - 100.0 * pool.total / 97) < 1e-9);
    }

    void usageAgainstPoolMaximum_data()
    {
        QTest::addColumn<int>("poolMax");
        QTest::addColumn<double>("usage");
        QTest::addColumn<int>("severity");
        QTest::newRow("plenty") << 100 << 11.0 << int(Severity::Good);
        QTest::newRow("warn at 80 %") << 13 << 100.0 * 11 / 13 << int(Severity::Warning);
        QTest::newRow("critical at 95 %") << 11 << 100.0 << int(Severity::Critical);
    }

    void usageAgainstPoolMaximum()
    {
        QFETCH(int, poolMax);
        QFETCH(double, usage);
        QFETCH(int, severity);
        PoolOptions options;
        options.poolMaxima.insert(kApp, poolMax);
        const PgPool pool = probe(options);
        const AppUsage *app = findApp(pool, kApp);
        QVERIFY(app);
        QCOMPARE(app->poolMax, poolMax);
        QVERIFY2(qAbs(app->usagePct - usage) < 1e-9, qPrintable(QString::number(app->usagePct)));
        QCOMPARE(int(app->severity), severity);
        QVERIFY(int(pool.worst()) >= severity);
    }

    void configurableThresholds()
    {
        PoolOptions options;
        options.poolMaxima.insert(kApp, 20); // 55 %
        options.warnPct = 50;
        options.criticalPct = 60;
        QCOMPARE(int(findApp(probe(options), kApp)->severity), int(Severity::Warning));
        options.criticalPct = 55;
        QCOMPARE(int(findApp(probe(options), kApp)->severity), int(Severity::Critical));
    }

    void idleInTransactionIsALeakSuspect()
    {
        QThread::msleep(1100);
        PoolOptions options;
        options.idleInTransactionSeconds = 1;
        const PgPool pool = probe(options);
        QSet<int> expected;
        for (int pid : m_db->load().idleInTransactionPids() + m_db->load().abortedPids())
            expected.insert(pid);
        expected.insert(m_db->load().holderPid());
        QCOMPARE(suspectPids(pool, kApp), expected);
        for (const LeakSuspect &l : pool.leakSuspects) {
            if (l.application != kApp)
                continue;
            QVERIFY(l.seconds > 1);
            QVERIFY(l.state.startsWith(QLatin1String("idle in transaction")));
        }
    }

    void idleIsASuspectOnlyWhenThePoolIsNearlyFull_data()
    {
        QTest::addColumn<int>("poolMax");
        QTest::addColumn<bool>("suspected");
        QTest::newRow("pool full") << 11 << true;
        QTest::newRow("pool at 85 %") << 13 << true;
        QTest::newRow("pool half empty") << 22 << false;
        QTest::newRow("no pool maximum") << 0 << false;
    }

    void idleIsASuspectOnlyWhenThePoolIsNearlyFull()
    {
        QFETCH(int, poolMax);
        QFETCH(bool, suspected);
        QThread::msleep(600);
        PoolOptions options;
        options.idleSeconds = 0.5;
        options.idleInTransactionSeconds = 3600;
        if (poolMax > 0)
            options.poolMaxima.insert(kApp, poolMax);
        const QList<int> idle = m_db->load().idlePids();
        const QSet<int> expected = suspected ? QSet<int>(idle.cbegin(), idle.cend()) : QSet<int>();
        QCOMPARE(suspectPids(probe(options), kApp), expected);
    }

    void jsonCarriesThePublicKeys()
    {
        PoolOptions options;
        options.poolMaxima.insert(kApp, 20);
        options.idleInTransactionSeconds = 0;
        auto snap = PoolProbe::collect(PgTestServer::target(kDb), SessionOptions::monitor(), options);
        QVERIFY(snap);
        const QJsonObject o = snap->toJson();
        for (const char *key : {"max_connections", "total", "applications", "leak_suspects"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QJsonObject app;
        for (const QJsonValue &v : o.value(QStringLiteral("applications")).toArray())
            if (v.toObject().value(QStringLiteral("name")).toString() == kApp)
                app = v.toObject();
        QCOMPARE(app.value(QStringLiteral("total")).toInt(), 11);
        QCOMPARE(app.value(QStringLiteral("active")).toInt(), 2);
        QCOMPARE(app.value(QStringLiteral("idle")).toInt(), 3);
        QCOMPARE(app.value(QStringLiteral("idle_in_transaction")).toInt(), 3);
        QCOMPARE(app.value(QStringLiteral("pool_max")).toInt(), 20);
        QCOMPARE(app.value(QStringLiteral("usage_pct")).toDouble(), 55.0);
        const QJsonObject leak = o.value(QStringLiteral("leak_suspects")).toArray().first().toObject();
        for (const char *key : {"pid", "application", "state", "seconds"})
            QVERIFY2(leak.contains(QLatin1String(key)), key);
    }
};

QTEST_GUILESS_MAIN(TestPgPool)
#include "tst_pg_pool.moc"
