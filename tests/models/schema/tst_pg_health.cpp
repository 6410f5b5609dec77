// Table health of a real PostgreSQL 15 database, with tables built to trigger each finding, and a clean
// database that triggers none.
#include "connection/connector.h"
#include "pgtestserver.h"
#include "schema/healthprobe.h"
#include "schema/pghealth.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QtTest>

using namespace dbops;
using dbops::test::PgTestServer;

namespace {

bool exec(const QString &db, const QStringList &statements) { return PgTestServer::exec(statements, db); }

QStringList summary(const HealthReport &r)
{
    QStringList out;
    for (const HealthFinding &f : r.findings)
        out << QStringLiteral("%1 %2 %3").arg(HealthFinding::severityName(f.severity), f.table, f.code);
    out.sort();
    return out;
}

Expected<HealthReport> scan(const QString &db)
{
    return HealthProbe::collect(PgTestServer::target(db), SessionOptions::monitor());
}

const TableHealth *table(const HealthReport &r, const QString &name)
{
    for (const TableHealth &t : r.tables)
        if (t.name == name)
            return &t;
    return nullptr;
}

const QString kRows = QStringLiteral("INSERT INTO %1 SELECT g FROM generate_series(1, %2) g");

} // namespace

class TestPgHealth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanDatabaseHasNoFindings()
    {
        DBOPS_REQUIRE_PG();
        const QString db = QStringLiteral("dbops_health_clean");
        QVERIFY(!PgTestServer::createDatabase(db));
        QVERIFY(exec(db, {"CREATE TABLE orders (id bigserial PRIMARY KEY, symbol text NOT NULL)",
                          "CREATE TABLE trades (id bigserial PRIMARY KEY, order_id bigint NOT NULL REFERENCES "
                          "orders(id), ts timestamptz NOT NULL DEFAULT now())",
                          "CREATE INDEX trades_order ON trades(order_id)",
                          "INSERT INTO orders(symbol) VALUES ('BTCUSDT'), ('ETHUSDT')",
                          "INSERT INTO trades(order_id, ts) VALUES (1, '2024-01-01 10:00:00+00'), "
                          "(2, '2024-01-01 11:00:00+00')"}));
        auto r = scan(db);
        QVERIFY2(r, qPrintable(r.error().oneLine()));
        QCOMPARE(summary(r.value()), QStringList());
        QCOMPARE(r->status(), QStringLiteral("ok"));
        const TableHealth *trades = table(r.value(), QStringLiteral("trades"));
        QVERIFY(trades);
        QCOMPARE(trades->rows, 2);
        QVERIFY(trades->rowsExact);
        QVERIFY(trades->tableBytes > 0 && trades->indexBytes > 0);
        QCOMPARE(trades->timeColumn, QStringLiteral("ts"));
        QCOMPARE(trades->newest, QStringLiteral("2024-01-01T11:00:00.000Z"));
        QVERIFY(r->facts.value(QStringLiteral("xid_age")).toDouble() > 0);
        QVERIFY(!PgTestServer::dropDatabase(db));
    }

    // Another session's ACCESS EXCLUSIVE lock (an ALTER, a VACUUM FULL, a LOCK TABLE): the scan says a lock is
    // in the way and that it can be retried, not that the console's user lacks privileges.
    void lockedTableIsSaidAsALock()
    {
        DBOPS_REQUIRE_PG();
        const QString db = QStringLiteral("dbops_health_locked");
        QVERIFY(!PgTestServer::createDatabase(db));
        QVERIFY(exec(db, {"CREATE TABLE candles (id bigserial PRIMARY KEY, open_time bigint)"}));
        {
            ScopedConnection holder(PgTestServer::target(db), SessionOptions::action(), QStringLiteral("locker"));
            QVERIFY(holder.ok());
            QSqlQuery q(holder.db());
            QVERIFY(q.exec(QStringLiteral("BEGIN")));
            QVERIFY(q.exec(QStringLiteral("LOCK TABLE candles IN ACCESS EXCLUSIVE MODE")));
            auto r = scan(db);
            QVERIFY(!r);
            QCOMPARE(r.error().code, ErrorCode::Busy);
            QVERIFY2(r.error().message.contains(QLatin1String("lock")), qPrintable(r.error().oneLine()));
            QVERIFY2(!r.error().hint.contains(QLatin1String("needs to read")), qPrintable(r.error().oneLine()));
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        }
        QVERIFY(scan(db)); // released: the scan reads it again
        QVERIFY(!PgTestServer::dropDatabase(db));
    }

    void findings_data()
    {
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("duplicate index")
            << QStringList{"CREATE TABLE trades (id bigserial PRIMARY KEY, symbol text, ts timestamptz)",
                           "CREATE INDEX a_symbol ON trades(symbol)", "CREATE INDEX b_symbol_ts ON trades(symbol, ts)"}
            << QStringList{"warn trades duplicate_index"};
        QTest::newRow("foreign key without index, other schema")
            << QStringList{"CREATE SCHEMA bt", "CREATE TABLE bt.runs (id serial PRIMARY KEY)",
                           "CREATE TABLE bt.results (id serial PRIMARY KEY, run_id int REFERENCES bt.runs(id))"}
            << QStringList{"warn bt.results fk_without_index"};
        QTest::newRow("no primary key, no index")
            << QStringList{"CREATE TABLE archive (a int, b text)"}
            << QStringList{"info archive no_index", "warn archive no_primary_key"};
        QTest::newRow("invalid index") << QStringList{"CREATE TABLE t (id serial PRIMARY KEY, v int)",
                                                      "INSERT INTO t(v) VALUES (1), (1)"}
                                       << QStringList{"warn t invalid_index"};
        QTest::newRow("sequence near its maximum")
            << QStringList{"CREATE SEQUENCE s_warn AS integer", "SELECT setval('s_warn', 1700000000)",
                           "CREATE SEQUENCE s_crit AS integer", "SELECT setval('s_crit', 2000000000)",
                           "CREATE SEQUENCE s_fine AS bigint",  "SELECT setval('s_fine', 2000000000)"}
            << QStringList{"critical s_crit sequence_near_max", "warn s_warn sequence_near_max"};
    }

    void findings()
    {
        DBOPS_REQUIRE_PG();
        QFETCH(QStringList, statements);
        QFETCH(QStringList, expected);
        const QString db = QStringLiteral("dbops_health_f");
        QVERIFY(!PgTestServer::createDatabase(db));
        QVERIFY(exec(db, statements));
        if (QByteArray(QTest::currentDataTag()) == "invalid index") {
            // CREATE INDEX CONCURRENTLY fails on the duplicate and leaves an invalid index behind
            QVERIFY(!exec(db, {"CREATE UNIQUE INDEX CONCURRENTLY t_v ON t(v)"}));
        }
        auto r = scan(db);
        QVERIFY2(r, qPrintable(r.error().oneLine()));
        QCOMPARE(summary(r.value()), expected);
        QVERIFY(!PgTestServer::dropDatabase(db));
    }

    void deadTuplesAndMissingIndex()
    {
        DBOPS_REQUIRE_PG();
        const QString db = QStringLiteral("dbops_health_stats");
        QVERIFY(!PgTestServer::createDatabase(db));
        QVERIFY(exec(db, {"CREATE TABLE ticks (id int PRIMARY KEY, price int) WITH (autovacuum_enabled = false)",
                          "INSERT INTO ticks SELECT g, g % 100 FROM generate_series(1, 20000) g",
                          "DELETE FROM ticks WHERE id <= 8000", "SELECT count(*) FROM ticks WHERE price = 5",
                          "SELECT count(*) FROM ticks WHERE price = 6", "SELECT count(*) FROM ticks WHERE price = 7",
                          "SELECT pg_stat_force_next_flush()"}));
        auto r = scan(db);
        QVERIFY2(r, qPrintable(r.error().oneLine()));
        QStringList found = summary(r.value());
        QCOMPARE(found, QStringList({"warn ticks dead_tuples", "warn ticks missing_index"}));
        const TableHealth *t = table(r.value(), QStringLiteral("ticks"));
        QCOMPARE(t->deadTuples, 8000);
        QCOMPARE(t->rows, 12000);
        QVERIFY(t->seqScans >= 3);
        QVERIFY(!PgTestServer::dropDatabase(db));
    }
};

QTEST_GUILESS_MAIN(TestPgHealth)
#include "tst_pg_health.moc"
