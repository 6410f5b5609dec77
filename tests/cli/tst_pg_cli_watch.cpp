// `dbops watch` against the real PostgreSQL server: what one evaluation costs the server — one session, and no more
// statements than the shortest interval has seconds (so a watch stays under a query a second) — and the target
// going away is itself an alert.
#include "clirunner.h"
#include "connection/connector.h"
#include "dbopssessions.h"
#include "pgtestserver.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_cli_watch");
constexpr int kMinIntervalS = 30; // dbops watch --interval's floor
} // namespace

class TestPgCliWatch : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    std::unique_ptr<ScopedConnection> m_observer; // on the server's default database, not on kDb

    static QString uri(const QString &db = kDb)
    {
        const Target t = PgTestServer::target(db);
        return QStringLiteral("postgresql://%1@%2:%3/%4").arg(t.pg.user, t.pg.host).arg(t.pg.port).arg(t.pg.dbname);
    }
    QStringList once(const QString &target) const
    {
        return {QStringLiteral("watch"),
                QStringLiteral("--db"),
                target,
                QStringLiteral("--once"),
                QStringLiteral("--json"),
                QStringLiteral("--backup-dir"),
                m_home.filePath(QStringLiteral("backups"))};
    }
    // Statements dbops ran on kDb so far, as pg_stat_statements counts them.
    qint64 statementsOnDb() const
    {
        QSqlQuery q(m_observer->db());
        q.prepare(QStringLiteral("SELECT coalesce(sum(s.calls), 0) FROM pg_stat_statements s JOIN pg_database d ON "
                                 "d.oid = s.dbid WHERE d.datname = ? AND s.query LIKE '/* dbops */%'"));
        q.addBindValue(kDb);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_home.filePath(QStringLiteral("xdg")));
        m_env.insert(QStringLiteral("DBOPS_SYSTEMCTL"), m_home.filePath(QStringLiteral("no-systemctl")));
        QVERIFY(!PgTestServer::createDatabase(kDb));
        SessionOptions observer = SessionOptions::monitor();
        observer.applicationName = QStringLiteral("watch-observer"); // not one of the sessions counted
        m_observer = std::make_unique<ScopedConnection>(PgTestServer::target(), observer, QStringLiteral("observer"));
        QVERIFY2(m_observer->ok(), qPrintable(m_observer->error().oneLine()));
    }

    void cleanupTestCase()
    {
        m_observer.reset();
        PgTestServer::dropDatabase(kDb);
    }

    void oneEvaluationCostsOneSessionAndFewStatements()
    {
        const qint64 before = statementsOnDb();
        QVERIFY(before >= 0);
        QProcess dbops;
        dbops.setProcessEnvironment(m_env);
        dbops.start(QStringLiteral(DBOPS_CLI_PATH), once(uri()));
        QVERIFY(dbops.waitForStarted());
        const DbopsSessions sessions = DbopsSessions::whileRunning(dbops, m_observer->db(), kDb);
        QVERIFY(sessions.readable);
        QVERIFY2(dbops.exitCode() <= 2, dbops.readAllStandardError().constData());
        QVERIFY2(sessions.seen.size() <= 1, qPrintable(QString::number(sessions.seen.size())));
        const qint64 statements = statementsOnDb() - before;
        QVERIFY2(statements > 0 && statements <= kMinIntervalS, qPrintable(QString::number(statements)));
    }

    void unreachableServerIsAnAlert()
    {
        const CliResult r = CliRunner::run(once(uri(QStringLiteral("dbops_no_such_database"))), m_env);
        QCOMPARE(r.exitCode, 2);
        const QJsonObject alert = QJsonDocument::fromJson(r.out.split('\n').first()).object();
        QCOMPARE(alert.value(QStringLiteral("rule")).toString(), QStringLiteral("reachable"));
        QCOMPARE(alert.value(QStringLiteral("state")).toString(), QStringLiteral("critical"));
    }
};

QTEST_GUILESS_MAIN(TestPgCliWatch)
#include "tst_pg_cli_watch.moc"
