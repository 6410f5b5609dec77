// Leaked sessions on the real server: an application's idle-in-transaction session is previewed and
// terminated (audited); another application's session is untouched; idle sessions count only past the limit;
// the console's own sessions are never listed.
#include "activity/pgactivity.h"
#include "connection/connector.h"
#include "loadgen.h"
#include "maintenance/leakedsessions.h"
#include "pgtestserver.h"

#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {

const QString kDb = QStringLiteral("dbops_leakedsessions");
const QString kApp = QStringLiteral("leaky_bot_x");
const QString kOther = QStringLiteral("steady_bot_y");

QSet<int> pidsOf(const LeakPreview &p)
{
    QSet<int> pids;
    for (const LeakSuspect &s : p.sessions)
        pids.insert(s.pid);
    return pids;
}

bool alive(int pid)
{
    ScopedConnection c(PgTestServer::target(kDb), SessionOptions::monitor(), QStringLiteral("check"));
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"));
    q.addBindValue(pid);
    return q.exec() && q.next() && q.value(0).toInt() > 0;
}

} // namespace

class TestPgLeakedSessions : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LoadGenerator> m_leaky, m_other;
    std::unique_ptr<ScopedConnection> m_console;
    AuditLog audit() const { return AuditLog(m_dir.filePath(QStringLiteral("audit.db"))); }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(!PgTestServer::createDatabase(kDb));
        m_leaky = std::make_unique<LoadGenerator>(PgTestServer::target(kDb));
        LoadSpec leaky;
        leaky.application = kApp;
        leaky.idle = 1;
        leaky.idleInTransaction = 1;
        QVERIFY(!m_leaky->start(leaky));
        m_other = std::make_unique<LoadGenerator>(PgTestServer::target(kDb));
        LoadSpec other;
        other.application = kOther;
        other.idleInTransaction = 1;
        QVERIFY(!m_other->start(other));
        // A console session idle in a transaction of its own: never a leak to terminate.
        m_console = std::make_unique<ScopedConnection>(PgTestServer::target(kDb), SessionOptions::action(),
                                                       QStringLiteral("console"));
        QVERIFY(m_console->ok());
        QVERIFY(QSqlQuery(m_console->db()).exec(QStringLiteral("BEGIN")));
        QVERIFY(QSqlQuery(m_console->db()).exec(QStringLiteral("SELECT 1")));
        QTest::qWait(1100); // every session has been in its state for more than a second
    }

    void previewListsTheApplicationsIdleInTransactionSession()
    {
        LeakCriteria c;
        c.application = kApp;
        auto p = LeakedSessions::preview(PgTestServer::target(kDb), c);
        QVERIFY2(p, qPrintable(p.error().oneLine()));
        QCOMPARE(pidsOf(p.value()), QSet<int>{m_leaky->idleInTransactionPids().first()});
        QCOMPARE(p->applicationSessions, 2);
        QVERIFY(p->consoleSessionsSkipped >= 2); // the console session above and the preview's own
        QVERIFY(p->sessions.first().reason.contains(QStringLiteral("idle in transaction")));
        const QJsonObject json = p->toJson();
        QCOMPARE(json.value(QStringLiteral("count")).toInt(), 1);
        QCOMPARE(
            json.value(QStringLiteral("sessions")).toArray().first().toObject().value(QStringLiteral("pid")).toInt(),
            m_leaky->idleInTransactionPids().first());
    }

    void idleSessionsCountOnlyPastTheLimit()
    {
        LeakCriteria c;
        c.application = kApp;
        c.idleOverSeconds = 3600;
        QCOMPARE(LeakedSessions::preview(PgTestServer::target(kDb), c)->sessions.size(), 1);
        c.idleOverSeconds = 0.5;
        const QSet<int> both{m_leaky->idleInTransactionPids().first(), m_leaky->idlePids().first()};
        QCOMPARE(pidsOf(LeakedSessions::preview(PgTestServer::target(kDb), c).value()), both);
    }

    void theConsolesOwnApplicationIsRefused()
    {
        LeakCriteria c;
        c.application = QStringLiteral("dbops-ops");
        auto p = LeakedSessions::preview(PgTestServer::target(kDb), c);
        QVERIFY(!p);
        QCOMPARE(p.error().code, ErrorCode::Refused);
    }

    void terminateEndsTheLeakAndLeavesOtherApplicationsAlone()
    {
        const int leaked = m_leaky->idleInTransactionPids().first();
        const int idle = m_leaky->idlePids().first();
        const int other = m_other->idleInTransactionPids().first();
        LeakCriteria c;
        c.application = kApp;
        auto done = LeakedSessions::terminate(PgTestServer::target(kDb), c, {}, SessionOptions::action(), audit());
        QVERIFY2(done, qPrintable(done.error().oneLine()));
        QCOMPARE(done->outcomes.size(), 1);
        QCOMPARE(done->outcomes.first().pid, leaked);
        QCOMPARE(done->terminated(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(leaked), 5000);
        QVERIFY(alive(idle));  // idle, not past a limit: not a leak
        QVERIFY(alive(other)); // another application
        QVERIFY(m_console->db().isOpen());
        auto records = audit().recent(5);
        QVERIFY(records && !records->isEmpty());
        QCOMPARE(records->first().action, QStringLiteral("terminate"));
        QCOMPARE(records->first().outcome, QStringLiteral("ok"));
        QVERIFY(records->first().parameters.contains(QString::number(leaked)));
    }

    void sqliteTargetsHaveNoSessions()
    {
        LeakCriteria c;
        c.application = kApp;
        auto p = LeakedSessions::preview(Target::sqliteFile(m_dir.filePath(QStringLiteral("x.db"))), c);
        QVERIFY(!p);
    }

    void cleanupTestCase()
    {
        m_console.reset();
        m_leaky.reset();
        m_other.reset();
        PgTestServer::dropDatabase(kDb);
    }
};

QTEST_GUILESS_MAIN(TestPgLeakedSessions)
#include "tst_pg_leakedsessions.moc"
