// The GUI's live feed against a real load: periodic refreshes on the worker thread, history recorded,
// cancel through the action session.
#include "activity/activitymonitor.h"
#include "loadgen.h"
#include "pgtestserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_activity_monitor");
const QString kApp = QStringLiteral("trading_bot_monitortest");
} // namespace

class TestPgActivityMonitor : public QObject {
    Q_OBJECT

    std::unique_ptr<LoadedDatabase> m_db;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toLocal8Bit()); // the audit trail
        qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toLocal8Bit());
        DBOPS_REQUIRE_PG();
        m_db = std::make_unique<LoadedDatabase>(kDb);
        LoadSpec spec;
        spec.application = kApp;
        spec.idle = 2;
        spec.slow = 1;
        const Error e = m_db->start(spec);
        QVERIFY2(!e, qPrintable(e.oneLine()));
    }

    void cleanupTestCase() { m_db.reset(); }

    void refreshesAndRecordsHistory()
    {
        ActivityMonitor monitor(m_db->target());
        monitor.setStateFile(m_dir.filePath(QStringLiteral("state.db")));
        monitor.setIntervalMs(1000);
        QSignalSpy refreshed(&monitor, &ActivityMonitor::refreshed);
        QSignalSpy failed(&monitor, &ActivityMonitor::refreshFailed);
        monitor.start();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 2, 10000);
        monitor.stop();
        QCOMPARE(failed.size(), 0);
        const PoolSnapshot pool = refreshed.last().at(0).value<PoolSnapshot>();
        QVERIFY(pool.pg);
        bool found = false;
        for (const AppUsage &a : pool.pg->applications)
            if (a.name == kApp) {
                found = true;
                QCOMPARE(a.counts.total(), 3);
                QCOMPARE(a.counts.active, 1);
            }
        QVERIFY(found);
        const SlowSnapshot slow = refreshed.last().at(1).value<SlowSnapshot>();
        QCOMPARE(slow.source, QStringLiteral("pg_stat_statements"));
        auto history =
            monitor.history().load(QDateTime::currentDateTimeUtc().addSecs(-60), QDateTime::currentDateTimeUtc());
        QVERIFY(history);
        QVERIFY(history->size() >= 2);
        QVERIFY(history->last().counts.total() >= 3);
    }

    void cancelThroughTheActionSession()
    {
        ActivityMonitor monitor(m_db->target());
        QSignalSpy done(&monitor, &ActivityMonitor::actionFinished);
        monitor.cancelSession(m_db->load().slowPids().first());
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        QCOMPARE(done.first().at(0).toString(), QStringLiteral("cancel"));
        QCOMPARE(done.first().at(1).toInt(), m_db->load().slowPids().first());
        QVERIFY(!done.first().at(2).value<Error>());
    }
};

QTEST_GUILESS_MAIN(TestPgActivityMonitor)
#include "tst_pg_activitymonitor.moc"
