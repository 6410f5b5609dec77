// Sessions on the real PostgreSQL 15 test server: set up the console's way, and every bad input gets one
// clear error within the connect timeout.
#include "connection/connector.h"
#include "pgtestserver.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QtTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace dbops;
using dbops::test::PgTestServer;

namespace {

// A TCP port of 127.0.0.1 that completes connections (the kernel's backlog) and never says a word.
class SilentPort {
public:
    SilentPort()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(m_fd, 8) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len) != 0)
            return;
        m_port = ntohs(a.sin_port);
    }
    ~SilentPort()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    SilentPort(const SilentPort &) = delete;
    SilentPort &operator=(const SilentPort &) = delete;
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace

class TestPgConnection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void monitorSessionIsSetUp()
    {
        DBOPS_REQUIRE_PG();
        ScopedConnection conn(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("t"));
        QVERIFY2(conn.ok(), qPrintable(conn.error().oneLine()));
        QSqlQuery q(conn.db());
        QVERIFY(
            q.exec(QStringLiteral("SELECT current_setting('application_name'), current_setting('statement_timeout'), "
                                  "current_setting('lock_timeout'), current_setting('default_transaction_read_only'), "
                                  "current_setting('idle_in_transaction_session_timeout')")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("dbops"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("30s"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("2s"));
        QCOMPARE(q.value(3).toString(), QStringLiteral("on"));
        QCOMPARE(q.value(4).toString(), QStringLiteral("1min"));
    }

    void monitorSessionCannotWrite()
    {
        DBOPS_REQUIRE_PG();
        ScopedConnection conn(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("t"));
        QVERIFY(conn.ok());
        QSqlQuery q(conn.db());
        QVERIFY(!q.exec(QStringLiteral("CREATE TABLE dbops_should_not_exist (x int)")));
        QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("25006")); // read_only_sql_transaction
    }

    void actionSessionCanWrite()
    {
        DBOPS_REQUIRE_PG();
        ScopedConnection conn(PgTestServer::target(), SessionOptions::action(), QStringLiteral("t"));
        QVERIFY(conn.ok());
        QSqlQuery q(conn.db());
        QVERIFY(q.exec(QStringLiteral("CREATE TEMP TABLE dbops_scratch (x int)")));
        QVERIFY(q.exec(QStringLiteral("SELECT current_setting('application_name')")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("dbops-ops"));
    }

    void sessionIsVisibleAsDbops()
    {
        DBOPS_REQUIRE_PG();
        ScopedConnection conn(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("t"));
        QVERIFY(conn.ok());
        QSqlQuery q(conn.db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dbops' "
                                      "AND pid = pg_backend_pid()")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void badInputGivesOneClearError_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("words");
        QTest::newRow("wrong password") << "password" << int(ErrorCode::AuthFailed) << "password authentication failed";
        QTest::newRow("unknown database") << "database" << int(ErrorCode::UnknownDatabase) << "does not exist";
        QTest::newRow("nothing listening") << "port" << int(ErrorCode::HostUnreachable) << "cannot reach PostgreSQL";
        QTest::newRow("TLS required, server has none") << "tls" << int(ErrorCode::TlsRefused) << "TLS";
        // A port that takes the connection and never answers (a hung server, a wrong service): cannot connect.
        QTest::newRow("nothing answers") << "silent" << int(ErrorCode::HostUnreachable) << "did not answer";
    }
    void badInputGivesOneClearError()
    {
        DBOPS_REQUIRE_PG();
        QFETCH(QString, kind);
        QFETCH(int, code);
        QFETCH(QString, words);
        Target target = PgTestServer::target();
        SessionOptions options = SessionOptions::monitor();
        const QString wrongPassword = QStringLiteral("not-the-Password-42");
        if (kind == QLatin1String("password"))
            options.password = wrongPassword;
        else if (kind == QLatin1String("database"))
            target.pg.dbname = QStringLiteral("no_such_db_here");
        else if (kind == QLatin1String("port")) {
            target.pg.port = 1; // tcpmux: nothing listens there on a test machine
        } else if (kind == QLatin1String("tls")) {
            target.pg.sslmode = QStringLiteral("require");
        }
        SilentPort silent;
        if (kind == QLatin1String("silent")) {
            QVERIFY(silent.port() > 0);
            target.pg.port = silent.port();
            options.connectTimeoutS = 2;
        }
        QElapsedTimer timer;
        timer.start();
        const Error e = Connector::open(QStringLiteral("t-bad"), target, options);
        QVERIFY(timer.elapsed() < (options.connectTimeoutS + 1) * 1000);
        QCOMPARE(int(e.code), code);
        QVERIFY2(e.oneLine().contains(words), qPrintable(e.oneLine()));
        QVERIFY2(e.message.contains(QStringLiteral("127.0.0.1:%1").arg(target.pg.port)) ||
                     e.code == ErrorCode::AuthFailed,
                 qPrintable(e.message));
        QVERIFY(!e.hint.isEmpty());
        QVERIFY(!e.oneLine().contains(wrongPassword) && !e.detail.contains(wrongPassword));
        QCOMPARE(exitCodeFor(e), 3);
        QVERIFY(!QSqlDatabase::contains(QStringLiteral("t-bad")));
    }
};

QTEST_GUILESS_MAIN(TestPgConnection)
#include "tst_pg_connection.moc"
