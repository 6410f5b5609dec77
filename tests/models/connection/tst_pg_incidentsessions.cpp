// Incident mode on the real PostgreSQL 15 test server: an action session opened in incident mode is read-only
// (default_transaction_read_only), so a write fails at the server even on a path that skipped the refusal;
// terminate — which a read-only session would not stop — is refused where every terminate passes; the
// pg_restore/pg_dump children get read-only sessions too.
#include "activity/sessionactions.h"
#include "connection/connector.h"
#include "core/incidentmode.h"
#include "ops/pgtools.h"
#include "pgtestserver.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::PgTestServer;

namespace {
const QString kDb = QStringLiteral("dbops_incident");

qint64 rowCount()
{
    ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::monitor(), QStringLiteral("count"));
    QSqlQuery q(conn.db());
    return q.exec(QStringLiteral("SELECT count(*) FROM fills")) && q.next() ? q.value(0).toLongLong() : -1;
}
} // namespace

class TestPgIncidentSessions : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_state;

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(!PgTestServer::createDatabase(kDb));
        ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("setup"));
        QVERIFY2(conn.ok(), qPrintable(conn.error().oneLine()));
        QSqlQuery q(conn.db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE fills (id int)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO fills VALUES (1), (2)")));
    }
    void init() { IncidentMode::reset(); }
    void cleanup() { IncidentMode::reset(); }
    void cleanupTestCase() { PgTestServer::dropDatabase(kDb); }

    void actionSessionCannotWrite()
    {
        DBOPS_REQUIRE_PG();
        IncidentMode::setSwitchedOn(true);
        ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("t"));
        QVERIFY2(conn.ok(), qPrintable(conn.error().oneLine()));
        QSqlQuery q(conn.db());
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM fills")));
        QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("25006")); // read_only_sql_transaction
        QVERIFY(IncidentMode::isIncidentError(
            Connector::classify(q.lastError(), PgTestServer::target(kDb), QStringLiteral("delete from"))));
        QCOMPARE(rowCount(), 2);
    }

    void actionSessionWritesOnceLeft()
    {
        DBOPS_REQUIRE_PG();
        IncidentMode::setSwitchedOn(true);
        IncidentMode::liftUntil(QDateTime::currentDateTimeUtc().addSecs(900));
        ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("t"));
        QVERIFY(conn.ok());
        QSqlQuery q(conn.db());
        QVERIFY2(q.exec(QStringLiteral("CREATE TEMP TABLE scratch (x int)")), qPrintable(q.lastError().text()));
    }

    void terminateIsRefusedAndTheSessionLives()
    {
        DBOPS_REQUIRE_PG();
        SessionOptions botOptions = SessionOptions::action();
        botOptions.applicationName = QStringLiteral("incident-bot");
        ScopedConnection bot(PgTestServer::target(kDb), botOptions, QStringLiteral("bot"));
        QVERIFY(bot.ok());
        QSqlQuery pidQuery(bot.db());
        QVERIFY(pidQuery.exec(QStringLiteral("SELECT pg_backend_pid()")) && pidQuery.next());
        const int pid = pidQuery.value(0).toInt();

        IncidentMode::setCommandLine(true);
        ScopedConnection console(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("console"));
        QVERIFY(console.ok());
        const Error e =
            SessionActions::signal(console.db(), PgTestServer::target(kDb), pid, SessionActions::Kind::Terminate,
                                   AuditLog(m_state.filePath(QStringLiteral("state.db"))));
        QVERIFY(IncidentMode::isIncidentError(e));
        QSqlQuery alive(bot.db());
        QVERIFY2(alive.exec(QStringLiteral("SELECT 1")), "the bot's session was terminated");
    }

    void pgToolsGetReadOnlySessions()
    {
        IncidentMode::setCommandLine(true);
        PgInvocation invocation(PgTestServer::target(kDb), SessionOptions::action());
        QVERIFY(!invocation.prepare());
        QVERIFY(invocation.environment()
                    .vars.value(QStringLiteral("PGOPTIONS"))
                    .contains(QLatin1String("-c default_transaction_read_only=on")));
    }
};

QTEST_GUILESS_MAIN(TestPgIncidentSessions)
#include "tst_pg_incidentsessions.moc"
