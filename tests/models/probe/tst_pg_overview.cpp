// The overview of a real PostgreSQL 15 database.
#include "connection/connector.h"
#include "pgtestserver.h"
#include "probe/overview.h"

#include <QSqlQuery>
#include <QtTest>

using namespace dbops;
using dbops::test::PgTestServer;

class TestPgOverview : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(!PgTestServer::createDatabase(QStringLiteral("dbops_overview")));
        ScopedConnection conn(PgTestServer::target(QStringLiteral("dbops_overview")), SessionOptions::action(),
                              QStringLiteral("setup"));
        QVERIFY(conn.ok());
        QSqlQuery q(conn.db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE trades (id bigserial PRIMARY KEY, symbol text, price numeric)")));
        QVERIFY(q.exec(QStringLiteral("CREATE SCHEMA bt")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE bt.runs (id int)")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE candles (ts timestamptz, symbol text) PARTITION BY RANGE (ts)")));
        QVERIFY(q.exec(QStringLiteral(
            "CREATE TABLE candles_2026 PARTITION OF candles FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')")));
    }

    void overviewShowsServerAndTables()
    {
        DBOPS_REQUIRE_PG();
        auto o =
            OverviewProbe::collect(PgTestServer::target(QStringLiteral("dbops_overview")), SessionOptions::monitor());
        QVERIFY2(o.ok(), qPrintable(o.error().oneLine()));
        QCOMPARE(o->engine, QStringLiteral("postgresql"));
        QVERIFY2(o->version.startsWith(QStringLiteral("15.")), qPrintable(o->version));
        QCOMPARE(o->serverVersionNum / 10000, 15);
        QCOMPARE(o->database, QStringLiteral("dbops_overview"));
        // partitions are shown through their parent; other schemas qualified
        QCOMPARE(o->tables,
                 (QStringList{QStringLiteral("bt.runs"), QStringLiteral("candles"), QStringLiteral("trades")}));
        QVERIFY(o->sizeBytes > 0);
        QVERIFY(o->maxConnections >= 10);
        QVERIFY(o->uptimeSeconds >= 0);
        QVERIFY(o->connections >= 1);

        ScopedConnection check(PgTestServer::target(QStringLiteral("dbops_overview")), SessionOptions::monitor(),
                               QStringLiteral("check"));
        QSqlQuery q(check.db());
        QVERIFY(q.exec(QStringLiteral("SELECT current_setting('max_connections')::int")) && q.next());
        QCOMPARE(o->maxConnections, q.value(0).toInt());
    }

    void jsonCarriesThePublicKeys()
    {
        DBOPS_REQUIRE_PG();
        auto o =
            OverviewProbe::collect(PgTestServer::target(QStringLiteral("dbops_overview")), SessionOptions::monitor());
        QVERIFY(o.ok());
        const QJsonObject j = o->toJson();
        for (const char *key : {"engine", "version", "database", "size_bytes", "table_count", "tables",
                                "max_connections", "uptime_seconds"})
            QVERIFY2(j.contains(QLatin1String(key)), key);
        QCOMPARE(j.value(QStringLiteral("table_count")).toInt(), 3);
    }
};

QTEST_GUILESS_MAIN(TestPgOverview)
#include "tst_pg_overview.moc"
