// `dbops sessions` and `dbops maintain` against the real server: an application's leaked session is listed
// (exit 1) and, with --terminate --yes, ended (exit 0); another application's is untouched; VACUUM on a table
// reports its sizes.
#include "clirunner.h"
#include "connection/connector.h"
#include "loadgen.h"
#include "pgtestserver.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_cli_sessions");
const QString kApp = QStringLiteral("cli_leaky_bot");
} // namespace

class TestPgCliSessions : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    std::unique_ptr<LoadGenerator> m_load, m_other;

    static QString uri()
    {
        const Target t = PgTestServer::target(kDb);
        return QStringLiteral("postgresql://%1@%2:%3/%4").arg(t.pg.user, t.pg.host).arg(t.pg.port).arg(t.pg.dbname);
    }

    CliResult run(const QStringList &args) { return CliRunner::run(args, m_env); }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        m_env = CliRunner::cleanEnvironment();
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("XDG_STATE_HOME"), m_home.filePath(QStringLiteral("state")));
        QVERIFY(!PgTestServer::createDatabase(kDb));
        {
            ScopedConnection c(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("admin"));
            QVERIFY(c.ok());
            QVERIFY(QSqlQuery(c.db()).exec(
                QStringLiteral("CREATE TABLE cli_candles AS SELECT i AS id FROM generate_series(1, 1000) i")));
        }
        m_load = std::make_unique<LoadGenerator>(PgTestServer::target(kDb));
        LoadSpec spec;
        spec.application = kApp;
        spec.idle = 1;
        spec.idleInTransaction = 1;
        QVERIFY(!m_load->start(spec));
        m_other = std::make_unique<LoadGenerator>(PgTestServer::target(kDb));
        LoadSpec other;
        other.application = QStringLiteral("cli_other_bot");
        other.idleInTransaction = 1;
        QVERIFY(!m_other->start(other));
    }

    void cleanupTestCase()
    {
        m_load.reset();
        m_other.reset();
        PgTestServer::dropDatabase(kDb);
    }

    void previewListsTheLeak()
    {
        const CliResult r = run({QStringLiteral("sessions"), QStringLiteral("--db"), uri(), QStringLiteral("--app"),
                                 kApp, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("preview"));
        QCOMPARE(o.value(QLatin1String("count")).toInt(), 1);
        QCOMPARE(o.value(QLatin1String("sessions")).toArray().first().toObject().value(QLatin1String("pid")).toInt(),
                 m_load->idleInTransactionPids().first());
    }

    // A pool's idle connections are healthy: an --idle-over of seconds would list them all (and --terminate end
    // them), so it is bad input. Nothing is ended.
    void idleOverUnderAMinuteIsBadInput_data()
    {
        QTest::addColumn<QString>("idle");
        QTest::newRow("zero") << "0";
        QTest::newRow("seconds") << "30s";
    }
    void idleOverUnderAMinuteIsBadInput()
    {
        QFETCH(QString, idle);
        const CliResult r =
            run({QStringLiteral("sessions"), QStringLiteral("--db"), uri(), QStringLiteral("--app"), kApp,
                 QStringLiteral("--idle-over"), idle, QStringLiteral("--terminate"), QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("healthy idle connections"), r.err.constData());
        const CliResult after = run({QStringLiteral("sessions"), QStringLiteral("--db"), uri(), QStringLiteral("--app"),
                                     kApp, QStringLiteral("--json")});
        QCOMPARE(after.json().value(QLatin1String("count")).toInt(), 1); // the leak is still there: nothing ended
    }

    void terminateWithYesEndsIt()
    {
        CliResult r = run({QStringLiteral("sessions"), QStringLiteral("--db"), uri(), QStringLiteral("--app"), kApp,
                           QStringLiteral("--terminate"), QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QLatin1String("terminated")).toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(run({QStringLiteral("sessions"), QStringLiteral("--db"), uri(),
                                       QStringLiteral("--app"), kApp, QStringLiteral("--json")})
                                      .exitCode,
                                  0, 5000);
        r = run({QStringLiteral("sessions"), QStringLiteral("--db"), uri(), QStringLiteral("--app"),
                 QStringLiteral("cli_other_bot"), QStringLiteral("--json")});
        QCOMPARE(r.json().value(QLatin1String("count")).toInt(), 1); // the other application's is still there
    }

    void maintainVacuumOnATable()
    {
        const CliResult r = run({QStringLiteral("maintain"), QStringLiteral("--db"), uri(), QStringLiteral("--op"),
                                 QStringLiteral("vacuum"), QStringLiteral("--table"), QStringLiteral("cli_candles"),
                                 QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("done"));
        QCOMPARE(o.value(QLatin1String("tables_after")).toArray().size(), 1);
        QVERIFY(o.value(QLatin1String("action_pid")).toInt() > 0);
    }
};

QTEST_GUILESS_MAIN(TestPgCliSessions)
#include "tst_pg_cli_sessions.moc"
