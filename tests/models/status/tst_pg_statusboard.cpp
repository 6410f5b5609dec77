// The status board on the real PostgreSQL server under a bot-like load: the connections row against the bot's
// pool maximum from the profile, a session blocked now, checkpoints and archiving read, the server's disk
// not judged from here; the whole evaluation on the one connection it is given.
#include "loadgen.h"
#include "pgtestserver.h"
#include "status/statusevaluator.h"
#include "statusexpect.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

Q_DECLARE_METATYPE(dbops::CheckState)

namespace {
const QString kDb = QStringLiteral("dbops_status_board");
const QString kApp = QStringLiteral("status_bot");
} // namespace

class TestPgStatusBoard : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<LoadedDatabase> m_db;

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_home.filePath(QLatin1String(var)).toUtf8());
        // The wal row judges checkpoints since the statistics reset: on a test server that has lived for hours of
        // test runs, CREATE DATABASE's requested checkpoints would outnumber the timer's and rightly warn.
        QVERIFY(PgTestServer::exec({QStringLiteral("SELECT pg_stat_reset_shared('bgwriter')")}));
        m_db = std::make_unique<LoadedDatabase>(kDb);
        LoadSpec spec;
        spec.application = kApp;
        spec.idle = 3;
        spec.chainWaiters = 1; // a holder idle in transaction and one session waiting for its lock
        const Error e = m_db->start(spec);
        QVERIFY2(!e, qPrintable(e.oneLine()));
    }

    void cleanupTestCase() { m_db.reset(); }

    void judgesEachConcern_data()
    {
        QTest::addColumn<int>("poolMax");
        QTest::addColumn<QString>("check");
        QTest::addColumn<CheckState>("state");
        QTest::addColumn<QString>("reason");
        QTest::newRow("bot pool over its maximum")
            << 3 << "connections" << CheckState::Critical << "status_bot: 5 of its pool of 3 (167 %)";
        QTest::newRow("bot pool well within its maximum")
            << 100 << "connections" << CheckState::Ok << "status_bot: 5 of its pool of 100 (5 %)";
        QTest::newRow("a session blocked now") << 100 << "queries" << CheckState::Warning << "1 session(s) blocked";
        QTest::newRow("checkpoints and archiving read") << 100 << "wal" << CheckState::Ok << "checkpoints since";
        QTest::newRow("the server's disk is not seen from here")
            << 100 << "store_disk" << CheckState::Neutral << "on the database server";
        QTest::newRow("the bot's sessions are named") << 100 << "writer" << CheckState::Ok << "status_bot (5)";
    }

    void judgesEachConcern()
    {
        QFETCH(int, poolMax);
        QFETCH(QString, check);
        QFETCH(CheckState, state);
        QFETCH(QString, reason);
        StatusRequest request;
        request.target = m_db->target();
        request.pool.poolMaxima.insert(kApp, poolMax);
        request.backupDir = m_home.filePath(QStringLiteral("backups"));
        const QString problem = StatusExpect::problem(StatusEvaluator::evaluate(request), check, state, reason);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void anUnreachableServerIsAnError()
    {
        StatusRequest request;
        request.target = m_db->target();
        request.target.pg.port = 1; // nothing listens there
        request.target.pg.host = QStringLiteral("127.0.0.1");
        const StatusBoard board = StatusEvaluator::evaluate(request);
        QVERIFY(board.error);
        QCOMPARE(board.exitCode(), 3);
    }
};

QTEST_GUILESS_MAIN(TestPgStatusBoard)
#include "tst_pg_statusboard.moc"
