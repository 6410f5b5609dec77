// `dbops slow` on SQLite stores: probe queries with plan findings, the operator's own probes, exit codes.
// (PostgreSQL: tst_pg_cli_slow.cpp.)
#include "clirunner.h"
#include "sqlitefixture.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

class TestCliSlow : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 12000, true));
    }

    void probesWithAFullScanFinding()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("slow"), QStringLiteral("--db"), m_db, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("source")).toString(), QStringLiteral("probes"));
        QCOMPARE(o.value(QStringLiteral("threshold_ms")).toDouble(), 100.0);
        QVERIFY(o.value(QStringLiteral("running")).toArray().isEmpty());
        const QJsonObject first = o.value(QStringLiteral("statements")).toArray().first().toObject();
        for (const char *key : {"query", "calls", "mean_ms", "total_ms"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("newest rows of trades"));
        QVERIFY(first.value(QStringLiteral("findings"))
                    .toArray()
                    .first()
                    .toString()
                    .startsWith(QStringLiteral("full scan of trades")));
    }

    void ownProbesOnly()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("slow"), QStringLiteral("--db"), m_db, QStringLiteral("--json"),
                            QStringLiteral("--no-default-probes"), QStringLiteral("--probe"),
                            QStringLiteral("SELECT * FROM trades WHERE id = 7")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray statements = r.json().value(QStringLiteral("statements")).toArray();
        QCOMPARE(statements.size(), 1);
        QCOMPARE(statements.first().toObject().value(QStringLiteral("rows")).toInt(), 1);
        QCOMPARE(statements.first().toObject().value(QStringLiteral("calls")).toInt(), 1);
    }

    void badOrderIsAUsageError()
    {
        const CliResult r = CliRunner::run({QStringLiteral("slow"), QStringLiteral("--db"), m_db,
                                            QStringLiteral("--order"), QStringLiteral("fastest")});
        QCOMPARE(r.exitCode, 3);
    }

    void cancelIsForPostgresOnly()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("slow"), QStringLiteral("--db"), m_db, QStringLiteral("--cancel"),
                            QStringLiteral("123"), QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliSlow)
#include "tst_cli_slow.moc"
