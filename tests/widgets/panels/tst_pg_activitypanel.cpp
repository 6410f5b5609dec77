// The Activity panel against a real PostgreSQL load never stalls the GUI: while a refresh is held up on the
// server (a catalog lock the probes need), the main thread keeps handling events, and the refresh arrives once
// the lock goes. Behaviour only: how long the main thread may stall is measured by tests/bench
// (run-activity-bench.sh), never asserted here.
#include "activity/activitymonitor.h"
#include "charts/historychart.h"
#include "connection/connector.h"
#include "item/runningmodel.h"
#include "loadgen.h"
#include "panels/activitypanel.h"
#include "pgtestserver.h"

#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_activity_panel");
const QString kApp = QStringLiteral("trading_bot_paneltest");
} // namespace

class TestPgActivityPanel : public QObject {
    Q_OBJECT

    std::unique_ptr<LoadedDatabase> m_db;
    QTemporaryDir m_dir;

    // Sessions of the console waiting on a lock in the test database.
    int consoleWaiting() const
    {
        ScopedConnection conn(m_db->target(), SessionOptions::monitor(), QStringLiteral("watch"));
        QSqlQuery q(conn.db());
        q.prepare(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = "
                                 "'dbops' AND wait_event_type = 'Lock'"));
        q.addBindValue(kDb);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toLocal8Bit());
        qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toLocal8Bit());
        DBOPS_REQUIRE_PG();
        m_db = std::make_unique<LoadedDatabase>(kDb);
        LoadSpec spec;
        spec.application = kApp;
        spec.idle = 20;
        spec.idleInTransaction = 2;
        spec.slow = 2;
        spec.chainWaiters = 2;
        const Error e = m_db->start(spec);
        QVERIFY2(!e, qPrintable(e.oneLine()));
    }

    void cleanupTestCase() { m_db.reset(); }

    void showsTheLoad()
    {
        ActivityPanel panel;
        panel.show();
        panel.setTarget(m_db->target());
        QSignalSpy refreshed(panel.monitor(), &ActivityMonitor::refreshed);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 1, 15000);
        const PoolSnapshot pool = refreshed.last().at(0).value<PoolSnapshot>();
        bool found = false;
        for (const AppUsage &a : pool.pg->applications)
            if (a.name == kApp) {
                found = true;
                QCOMPARE(a.counts.total(), m_db->load().total());
            }
        QVERIFY(found);
        QVERIFY(panel.runningModel()->rowCount() >= 5); // 2 slow, holder, 2 waiters
        QVERIFY(!panel.chart()->samples().isEmpty());
        panel.clearTarget();
    }

    void mainThreadKeepsHandlingEventsWhileARefreshIsHeldUp()
    {
        // A session holding pg_extension exclusively: the probe that reads it waits (up to lock_timeout).
        SessionOptions o = SessionOptions::action();
        o.applicationName = QStringLiteral("trading_bot_ddl");
        ScopedConnection ddl(m_db->target(), o, QStringLiteral("ddl"));
        QVERIFY(ddl.ok());
        QSqlQuery lock(ddl.db());
        QVERIFY(lock.exec(QStringLiteral("BEGIN")));
        QVERIFY(lock.exec(QStringLiteral("LOCK TABLE pg_extension IN ACCESS EXCLUSIVE MODE")));

        ActivityPanel panel;
        panel.show();
        panel.setTarget(m_db->target());
        QSignalSpy refreshed(panel.monitor(), &ActivityMonitor::refreshed);
        // Events keep flowing on the main thread while the server shows the refresh waiting.
        int ticks = 0;
        QTimer tick;
        tick.setInterval(10);
        connect(&tick, &QTimer::timeout, [&] { ++ticks; });
        tick.start();
        QTRY_VERIFY_WITH_TIMEOUT(consoleWaiting() == 1, 10000);
        const int ticksWhileWaiting = ticks;
        QTRY_VERIFY(ticks > ticksWhileWaiting); // still ticking, the refresh still waiting
        QCOMPARE(consoleWaiting(), 1);
        QCOMPARE(refreshed.size(), 0);
        // The panel answers the operator meanwhile.
        auto *interval = panel.findChild<QSpinBox *>(QStringLiteral("activityInterval"));
        interval->setValue(3);
        QCOMPARE(panel.monitor()->intervalMs(), 3000);

        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 1, 15000);
        panel.clearTarget();
    }
};

QTEST_MAIN(TestPgActivityPanel)
#include "tst_pg_activitypanel.moc"
