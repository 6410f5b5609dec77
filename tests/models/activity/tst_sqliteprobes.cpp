// SQLite probe queries on a real store: defaults from the schema, timing, EXPLAIN QUERY PLAN findings.
#include "activity/sqliteprobes.h"
#include "connection/connector.h"
#include "sqlitefixture.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestSqliteProbes : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 12000, true));
    }

    void defaultsProbeTheBiggestTablesByTheirTimeColumn()
    {
        ScopedConnection conn(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("probes"));
        QVERIFY(conn.ok());
        QCOMPARE(SqliteProbes::timeColumn(conn.db(), QStringLiteral("trades")), QStringLiteral("created_at"));
        QCOMPARE(SqliteProbes::estimateRows(conn.db(), QStringLiteral("trades")), qint64(12000));
        const QList<ProbeQuery> probes = SqliteProbes::defaults(conn.db());
        QCOMPARE(probes.size(), 3);
        QCOMPARE(probes.first().name, QStringLiteral("newest rows of trades"));
        QCOMPARE(probes.first().sql, QStringLiteral("SELECT * FROM \"trades\" ORDER BY \"created_at\" DESC LIMIT 100"));
    }

    void fullScanOfALargeTableIsAFinding()
    {
        auto snap = SqliteProbes::collect(Target::sqliteFile(m_db), SessionOptions::monitor(), {});
        QVERIFY(snap);
        QCOMPARE(snap->source, QStringLiteral("probes"));
        const StatementStat &trades = snap->statements.first();
        QCOMPARE(trades.rows, qint64(100));
        QCOMPARE(trades.calls, qint64(1));
        QVERIFY(trades.totalMs > 0);
        QVERIFY2(trades.findings.join(QLatin1Char(';')).contains(QStringLiteral("full scan of trades (~12000 rows)")),
                 qPrintable(trades.findings.join(QLatin1Char(';'))));
        QCOMPARE(trades.severity, Severity::Warning);
        QCOMPARE(snap->worst(), Severity::Warning);
    }

    void anIndexRemovesTheFinding()
    {
        const QString db = m_dir.filePath(QStringLiteral("indexed.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 12000, true));
        QVERIFY(SqliteFixture::create(db, {QStringLiteral("CREATE INDEX trades_created ON trades (created_at)")}));
        auto snap = SqliteProbes::collect(Target::sqliteFile(db), SessionOptions::monitor(), {});
        QVERIFY(snap);
        QVERIFY(snap->statements.first().findings.isEmpty());
        QCOMPARE(snap->statements.first().severity, Severity::Good);
    }

    void operatorProbesAndTheirErrors()
    {
        SlowOptions options;
        options.sqliteDefaultProbes = false;
        options.sqliteProbes = {QStringLiteral("SELECT count(*) FROM orders"), QStringLiteral("SELECT * FROM nope")};
        auto snap = SqliteProbes::collect(Target::sqliteFile(m_db), SessionOptions::monitor(), options);
        QVERIFY(snap);
        QCOMPARE(snap->statements.size(), 2);
        QCOMPARE(snap->statements[0].name, QStringLiteral("probe 1"));
        QCOMPARE(snap->statements[0].rows, qint64(1));
        QVERIFY(snap->statements[0].error.isEmpty());
        QVERIFY(snap->statements[1].error.contains(QStringLiteral("nope")));
    }

    void probesAreReadOnly()
    {
        SlowOptions options;
        options.sqliteDefaultProbes = false;
        options.sqliteProbes = {QStringLiteral("DELETE FROM trades")};
        auto snap = SqliteProbes::collect(Target::sqliteFile(m_db), SessionOptions::monitor(), options);
        QVERIFY(snap);
        QVERIFY(!snap->statements.first().error.isEmpty());
        QCOMPARE(SqliteFixture::scalar(m_db, QStringLiteral("SELECT count(*) FROM trades")).toInt(), 12000);
    }
};

QTEST_GUILESS_MAIN(TestSqliteProbes)
#include "tst_sqliteprobes.moc"
