// Monitoring never writes to the bot's store: the Overview, Activity, Health and Migrations tabs, each left to
// sample a store the bot is in the middle of using (frames waiting in its -wal; an open transaction with its
// -journal) for many refresh cycles, leave the database, its -wal and its -journal byte for byte as they were.
// The refresh interval is shortened (the Activity monitor's and the connection ping's) so that the cycles of
// a minute run in a few seconds.
#include "busystore.h"
#include "panels/activitypanel.h"
#include "panels/healthpanel.h"
#include "panels/migrationspanel.h"
#include "panels/overviewpanel.h"
#include "session/targetsession.h"
#include "worker/dbworker.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

Q_DECLARE_METATYPE(BusyStore::Mode)

namespace {

constexpr int kCycles = 8;
constexpr int kWaitMs = 60000;

// Calls `refresh` kCycles times, each after the previous answer (`done` counts answers).
bool refreshRepeatedly(const std::function<void()> &refresh, QSignalSpy &done)
{
    for (int i = 0; i < kCycles; ++i) {
        refresh();
        if (!QTest::qWaitFor([&] { return done.count() > i; }, kWaitMs))
            return false;
    }
    return true;
}

bool sampleOverview(const Target &target)
{
    TargetSession session;
    session.setPingIntervalMs(100);
    OverviewPanel panel(&session);
    QSignalSpy loaded(&panel, &OverviewPanel::overviewLoaded);
    session.open(target);
    if (!QTest::qWaitFor([&] { return loaded.count() >= 1; }, kWaitMs))
        return false;
    loaded.clear();
    return refreshRepeatedly([&] { panel.refresh(); }, loaded);
}

bool sampleActivity(const Target &target)
{
    ActivityPanel panel;
    panel.show();
    panel.setTarget(target);
    panel.monitor()->setIntervalMs(100);
    QSignalSpy refreshed(panel.monitor(), &ActivityMonitor::refreshed);
    const bool ok = QTest::qWaitFor([&] { return refreshed.count() >= kCycles; }, kWaitMs);
    panel.clearTarget();
    return ok;
}

bool sampleHealth(const Target &target)
{
    DbWorker worker(target, SessionOptions::monitor(), QStringLiteral("test"));
    HealthPanel panel;
    panel.setWorker(&worker);
    QSignalSpy loaded(&panel, &HealthPanel::reportLoaded);
    if (!refreshRepeatedly([&] { panel.refresh(); }, loaded))
        return false;
    loaded.clear();
    panel.runChecks(HealthOptions::Check::Integrity, true); // the checks a tab offers, once
    return QTest::qWaitFor([&] { return loaded.count() >= 1; }, kWaitMs);
}

bool sampleMigrations(const Target &target)
{
    DbWorker worker(target, SessionOptions::monitor(), QStringLiteral("test"));
    MigrationsPanel panel;
    panel.setWorker(&worker);
    QSignalSpy loaded(&panel, &MigrationsPanel::reportLoaded);
    return refreshRepeatedly([&] { panel.refresh(); }, loaded);
}

} // namespace

class TestMonitoringPanels : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_dir.filePath(QLatin1String(var)).toUtf8());
    }

    void leavesTheStoreByteIdentical_data()
    {
        QTest::addColumn<BusyStore::Mode>("mode");
        QTest::addColumn<QString>("tab");
        QTest::addColumn<bool>("dataDir");
        for (BusyStore::Mode mode : {BusyStore::Mode::WalPendingFrames, BusyStore::Mode::RollbackOpenTransaction})
            for (const char *tab : {"overview", "activity", "health", "migrations"})
                for (bool dataDir : {false, true})
                    QTest::addRow("%s %s%s", qPrintable(BusyStore::modeName(mode)), tab,
                                  dataDir ? " (data directory)" : "")
                        << mode << QString::fromLatin1(tab) << dataDir;
    }

    void leavesTheStoreByteIdentical()
    {
        QFETCH(BusyStore::Mode, mode);
        QFETCH(QString, tab);
        QFETCH(bool, dataDir);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("trading.db"));
        BusyStore store(db, mode);
        QVERIFY(store.ok());
        const QString before = BusyStore::fingerprint(db);
        const Target target = dataDir ? Target::dataDir(dir.path()) : Target::sqliteFile(db);
        const QHash<QString, std::function<bool(const Target &)>> sample{
            {QStringLiteral("overview"), sampleOverview},
            {QStringLiteral("activity"), sampleActivity},
            {QStringLiteral("health"), sampleHealth},
            {QStringLiteral("migrations"), sampleMigrations}};
        QVERIFY(sample.value(tab)(target));
        QCOMPARE(BusyStore::fingerprint(db), before);
    }
};

QTEST_MAIN(TestMonitoringPanels)
#include "tst_monitoringpanels.moc"
