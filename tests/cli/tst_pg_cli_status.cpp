// `dbops status` against the real PostgreSQL server: the rows of a PostgreSQL target, and what it costs the
// server — at most two sessions, seen from a separate observer connection (pg_stat_activity while it runs,
// and pg_stat_database's count of sessions opened on its database).
#include "clirunner.h"
#include "connection/connector.h"
#include "dbopssessions.h"
#include "loadgen.h"
#include "pgplainrole.h"
#include "pgtestserver.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_cli_status");
const QString kPlainRole = QStringLiteral("dbops_status_plain"); // no pg_monitor / pg_read_all_stats
const QString kBot = QStringLiteral("trading_bot_status");

QJsonObject check(const QJsonObject &board, const QString &name)
{
    for (const QJsonValue &v : board.value(QStringLiteral("checks")).toArray())
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject();
    return {};
}
} // namespace

class TestPgCliStatus : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    std::unique_ptr<ScopedConnection> m_observer; // on the server's default database, not on kDb
    QJsonObject m_plainBoard;                     // the status as the plain role saw it (one run for the rows' tests)

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

    // `dbops status --json` while the bot (the server's main user) keeps two sessions idle in transaction, as
    // the plain role or (`plain` false) as the main user. The load is gone again when it returns.
    static QJsonObject statusWhileBotIdlesInTransaction(bool plain)
    {
        const PgPlainRole role(kPlainRole, kDb);
        if (!role.ok())
            return {};
        LoadGenerator bot(PgTestServer::target(kDb));
        LoadSpec spec;
        spec.application = kBot;
        spec.idleInTransaction = 2;
        if (const Error e = bot.start(spec)) {
            qWarning("%s", qPrintable(e.oneLine()));
            return {};
        }
        const QStringList args{QStringLiteral("status"), QStringLiteral("--db"), plain ? role.uri() : uri(),
                               QStringLiteral("--json")};
        return CliRunner::run(args, plain ? role.cliEnvironment() : CliRunner::cleanEnvironment()).json();
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

    // A user without pg_monitor sees the bot's sessions without their state: the rows that need it say they
    // cannot judge and why, never "the bot is not connected" or "nothing blocked".
    void rowsOtherSessionsDecideAreUnknownWithoutPrivilege_data()
    {
        QTest::addColumn<QString>("row");
        QTest::newRow("writer") << QStringLiteral("writer");
        QTest::newRow("queries") << QStringLiteral("queries");
        QTest::newRow("connections") << QStringLiteral("connections");
    }

    void rowsOtherSessionsDecideAreUnknownWithoutPrivilege()
    {
        QFETCH(QString, row);
        if (m_plainBoard.isEmpty())
            m_plainBoard = statusWhileBotIdlesInTransaction(true);
        const QJsonObject c = check(m_plainBoard, row);
        QCOMPARE(c.value(QStringLiteral("state")).toString(), QStringLiteral("unknown"));
        QVERIFY2(c.value(QStringLiteral("reason"))
                     .toString()
                     .contains(QStringLiteral("the console's user %1 cannot see other users' sessions: "
                                              "GRANT pg_monitor TO %1")
                                   .arg(kPlainRole)),
                 qPrintable(c.value(QStringLiteral("reason")).toString()));
    }

    void connectionsCountSessionsTheUserCannotSee()
    {
        if (m_plainBoard.isEmpty())
            m_plainBoard = statusWhileBotIdlesInTransaction(true);
        const QString reason =
            check(m_plainBoard, QStringLiteral("connections")).value(QStringLiteral("reason")).toString();
        // "N of 97 connections in use": the server's client sessions, the bot's 2 and the status's own among them.
        static const QRegularExpression inUse(QStringLiteral("(\\d+) of \\d+ connections in use"));
        const QRegularExpressionMatch m = inUse.match(reason);
        QVERIFY2(m.hasMatch(), qPrintable(reason));
        QVERIFY2(m.captured(1).toInt() >= 3, qPrintable(reason));
    }

    void privilegedUserSeesTheBotWriting()
    {
        const QJsonObject writer = check(statusWhileBotIdlesInTransaction(false), QStringLiteral("writer"));
        QCOMPARE(writer.value(QStringLiteral("state")).toString(), QStringLiteral("ok"));
        const QString reason = writer.value(QStringLiteral("reason")).toString();
        QVERIFY2(reason.startsWith(QStringLiteral("client sessions: ")), qPrintable(reason));
        QVERIFY2(reason.contains(QStringLiteral("%1 (2)").arg(kBot)), qPrintable(reason));
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
