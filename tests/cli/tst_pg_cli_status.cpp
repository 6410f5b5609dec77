// `dbops status` against the real PostgreSQL server: the rows of a PostgreSQL target, and what it costs the
// server — at most two sessions, seen from a separate observer connection (pg_stat_activity while it runs,
// and pg_stat_database's count of sessions opened on its database).
#include "clirunner.h"
#include "connection/connector.h"
#include "dbopssessions.h"
#include "pgtestserver.h"

#include <QJsonArray>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_cli_status");
} // namespace

class TestPgCliStatus : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    std::unique_ptr<ScopedConnection> m_observer; // on the server's default database, not on kDb

    static QString uri()
    {
        const Target t = PgTestServer::target(kDb);
        return QStringLiteral("postgresql://%1@%2:%3/%4").arg(t.pg.user, t.pg.host).arg(t.pg.port).arg(t.pg.dbname);
    }

    qint64 scalar(const QString &sql) const
    {
        QSqlQuery q(m_observer->db());
        q.prepare(sql);
        q.addBindValue(kDb);
        if (!q.exec() || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    qint64 backendsOnDb() const
    {
        return scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = ?"));
    }
    qint64 sessionsOpenedOnDb() const
    {
        return scalar(QStringLiteral("SELECT sessions FROM pg_stat_database WHERE datname = ?"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_home.filePath(QStringLiteral("xdg")));
        QVERIFY(!PgTestServer::createDatabase(kDb));
        {
            ScopedConnection c(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("admin"));
            QVERIFY(c.ok());
            QVERIFY(QSqlQuery(c.db()).exec(
                QStringLiteral("CREATE TABLE candles AS SELECT i AS id, now() AS ts FROM generate_series(1, 1000) i")));
        }
        SessionOptions observer = SessionOptions::monitor();
        observer.applicationName = QStringLiteral("status-observer"); // not one of the sessions counted
        m_observer = std::make_unique<ScopedConnection>(PgTestServer::target(), observer, QStringLiteral("observer"));
        QVERIFY2(m_observer->ok(), qPrintable(m_observer->error().oneLine()));
    }

    void cleanupTestCase()
    {
        m_observer.reset();
        PgTestServer::dropDatabase(kDb);
    }

    void rowsOfAPostgresTarget()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("status"), QStringLiteral("--db"), uri(), QStringLiteral("--json")}, m_env);
        QVERIFY2(r.exitCode >= 0 && r.exitCode <= 2, r.err.constData());
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("engine")).toString(), QStringLiteral("postgresql"));
        const QJsonArray checks = o.value(QStringLiteral("checks")).toArray();
        QCOMPARE(checks.size(), 12); // the last: the target's scheduled jobs
        const QJsonObject connections = checks.at(0).toObject();
        QCOMPARE(connections.value(QStringLiteral("name")).toString(), QStringLiteral("connections"));
        QVERIFY(connections.value(QStringLiteral("value")).toDouble() > 0); // % of max_connections, its own included
        QVERIFY(connections.value(QStringLiteral("reason")).toString().contains(QStringLiteral("connections in use")));
        const QJsonObject backup = checks.at(6).toObject();
        QCOMPARE(backup.value(QStringLiteral("state")).toString(), QStringLiteral("critical")); // none taken
    }

    void usesAtMostTwoSessions()
    {
        QTRY_COMPARE_WITH_TIMEOUT(backendsOnDb(), 0, 20000); // the set-up session has gone
        const qint64 before = sessionsOpenedOnDb();
        QVERIFY(before >= 0);
        QProcess dbops;
        dbops.setProcessEnvironment(m_env);
        dbops.start(QStringLiteral(DBOPS_CLI_PATH),
                    {QStringLiteral("status"), QStringLiteral("--db"), uri(), QStringLiteral("--json")});
        QVERIFY(dbops.waitForStarted());
        const DbopsSessions sessions = DbopsSessions::whileRunning(dbops, m_observer->db(), kDb);
        QVERIFY(sessions.readable);
        QVERIFY2(dbops.exitCode() <= 2, dbops.readAllStandardError().constData());
        QVERIFY2(sessions.seen.size() <= 2, qPrintable(QString::number(sessions.seen.size())));
        QVERIFY(sessions.mostAtOnce <= 2);
        // Every session it opened is counted by the server once it ends, however short it was.
        QTRY_COMPARE_WITH_TIMEOUT(backendsOnDb(), 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(sessionsOpenedOnDb() > before, 20000);
        const qint64 opened = sessionsOpenedOnDb() - before;
        QVERIFY2(opened >= 1 && opened <= 2, qPrintable(QString::number(opened)));
    }
};

QTEST_GUILESS_MAIN(TestPgCliStatus)
#include "tst_pg_cli_status.moc"
