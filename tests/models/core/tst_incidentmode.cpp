// Incident mode in the core: the state decides from its sources and the leaving window; the refusal names the
// action and exits 2; and behind the refusals the sessions themselves cannot write, so a code path that skips
// IncidentMode::refuse still leaves a real SQLite store byte for byte as it was. Files are not removed either.
#include "connection/connector.h"
#include "connection/sqlitehandle.h"
#include "core/incidentmode.h"
#include "filesnapshot.h"
#include "maintenance/backupprune.h"
#include "maintenance/maintenance.h"
#include "maintenance/stalelocks.h"
#include "sqlitefixture.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {

const QString kInsert = QStringLiteral("INSERT INTO trades (symbol, price, created_at) VALUES ('X', 1, 'now')");

// One write through the way `how` names, on a session opened as an action would open it.
Error writeThrough(const QString &how, const QString &db)
{
    if (how == QLatin1String("connector")) {
        ScopedConnection conn(Target::sqliteFile(db), SessionOptions::action(), QStringLiteral("test-write"));
        if (!conn.ok())
            return conn.error();
        QSqlQuery q(conn.db());
        return q.exec(kInsert) ? Error{}
                               : Connector::classify(q.lastError(), Target::sqliteFile(db), QStringLiteral("write"));
    }
    SqliteHandle handle;
    if (Error e = handle.open(db, SqliteHandle::Mode::ReadWrite))
        return e;
    return handle.exec(kInsert);
}

} // namespace

class TestIncidentMode : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QTemporaryDir m_state; // the audit trail, outside the store's folder
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 20, false));
    }
    void init() { IncidentMode::reset(); }
    void cleanup() { IncidentMode::reset(); }

    void stateFollowsSourcesAndWindow_data()
    {
        QTest::addColumn<bool>("commandLine");
        QTest::addColumn<bool>("profile");
        QTest::addColumn<bool>("switchedOn");
        QTest::addColumn<int>("liftedForSeconds"); // 0: not lifted; < 0: a window that has ended
        QTest::addColumn<bool>("on");
        QTest::newRow("no source") << false << false << false << 0 << false;
        QTest::newRow("--read-only") << true << false << false << 0 << true;
        QTest::newRow("profile") << false << true << false << 0 << true;
        QTest::newRow("switch") << false << false << true << 0 << true;
        QTest::newRow("left for 15 min") << false << true << false << 900 << false;
        QTest::newRow("window over: back on") << false << false << true << -1 << true;
    }

    void stateFollowsSourcesAndWindow()
    {
        QFETCH(bool, commandLine);
        QFETCH(bool, profile);
        QFETCH(bool, switchedOn);
        QFETCH(int, liftedForSeconds);
        QFETCH(bool, on);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        IncidentState s{commandLine, profile, switchedOn, {}};
        if (liftedForSeconds != 0)
            s.liftedUntil = now.addSecs(liftedForSeconds);
        QCOMPARE(s.isOn(now), on);
    }

    void refusalNamesTheActionAndExitsTwo()
    {
        QVERIFY(!IncidentMode::refuse(QStringLiteral("restore")));
        IncidentMode::setCommandLine(true);
        const Error e = IncidentMode::refuse(QStringLiteral("restore into x.db"));
        QCOMPARE(e.code, ErrorCode::Refused);
        QVERIFY(IncidentMode::isIncidentError(e));
        QVERIFY(e.message.startsWith(QLatin1String("restore into x.db refused: incident mode is on")));
        QCOMPARE(exitCodeFor(e), 2);
    }

    void switchingOnEndsTheWindow()
    {
        IncidentMode::setProfile(true);
        IncidentMode::liftUntil(QDateTime::currentDateTimeUtc().addSecs(900));
        QVERIFY(!IncidentMode::isOn());
        IncidentMode::setSwitchedOn(true);
        QVERIFY(IncidentMode::isOn());
    }

    void actionSessionCannotWrite_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("Qt SQL action session") << QStringLiteral("connector");
        QTest::newRow("raw read-write handle") << QStringLiteral("handle");
    }

    // No IncidentMode::refuse on this path: the session alone keeps the store as it was.
    void actionSessionCannotWrite()
    {
        QFETCH(QString, how);
        const auto before = FileSnapshot::of(m_dir.path());
        IncidentMode::setSwitchedOn(true);
        const Error e = writeThrough(how, m_db);
        QVERIFY(IncidentMode::isIncidentError(e));
        QCOMPARE(FileSnapshot::differences(before, FileSnapshot::of(m_dir.path())), QStringList());
    }

    void actionSessionWritesOnceLeft_data() { actionSessionCannotWrite_data(); }

    void actionSessionWritesOnceLeft()
    {
        QFETCH(QString, how);
        IncidentMode::setSwitchedOn(true);
        IncidentMode::liftUntil(QDateTime::currentDateTimeUtc().addSecs(900));
        const qint64 rows = SqliteFixture::scalar(m_db, QStringLiteral("SELECT count(*) FROM trades")).toLongLong();
        const Error e = writeThrough(how, m_db);
        QVERIFY2(!e, qPrintable(e.oneLine()));
        QCOMPARE(SqliteFixture::scalar(m_db, QStringLiteral("SELECT count(*) FROM trades")).toLongLong(), rows + 1);
    }

    void maintenanceIsRefusedBeforeItOpensAnything()
    {
        IncidentMode::setCommandLine(true);
        const auto before = FileSnapshot::of(m_dir.path());
        MaintenanceRequest request;
        request.op = MaintenanceOp::Vacuum;
        const MaintenanceResult r = Maintenance::run(Target::sqliteFile(m_db), request, OpControl(),
                                                     AuditLog(m_state.filePath(QStringLiteral("state.db"))));
        QVERIFY(IncidentMode::isIncidentError(r.error));
        QCOMPARE(FileSnapshot::differences(before, FileSnapshot::of(m_dir.path())), QStringList());
    }

    void staleLockIsNotRemoved()
    {
        const QString lock = m_dir.filePath(QStringLiteral("bot.lock"));
        QFile f(lock);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("4194303"); // above pid_max: a PID that runs nowhere
        f.close();
        IncidentMode::setSwitchedOn(true);
        QVERIFY(IncidentMode::isIncidentError(StaleLocks::removeIfStale(lock, 4194303)));
        QVERIFY(QFile::exists(lock));
        IncidentMode::reset();
        QVERIFY(!StaleLocks::removeIfStale(lock, 4194303)); // the same call removes it outside incident mode
        QVERIFY(!QFile::exists(lock));
    }

    void pruneDeletesNothing()
    {
        IncidentMode::setCommandLine(true);
        PruneRules rules;
        rules.keepLast = 0;
        const auto result =
            BackupPrune::apply(m_dir.path(), rules, {}, AuditLog(m_state.filePath(QStringLiteral("state.db"))));
        QVERIFY(!result);
        QVERIFY(IncidentMode::isIncidentError(result.error()));
    }
};

QTEST_GUILESS_MAIN(TestIncidentMode)
#include "tst_incidentmode.moc"
