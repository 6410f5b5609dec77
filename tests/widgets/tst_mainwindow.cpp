// The main window on real stores: a demo store made by DemoStore::create in a temporary directory, a missing
// file, the log panel. Everything the window reads comes from workers, so checks wait with QTRY_*.
#include "common/errorbanner.h"
#include "common/statusindicator.h"
#include "connection/storediscovery.h"
#include "demo/demostore.h"
#include "item/discoverymodel.h"
#include "item/logmodel.h"
#include "item/originmodel.h"
#include "log/logging.h"
#include "mainwindow.h"
#include "panels/environmentpanel.h"
#include "panels/healthpanel.h"
#include "panels/logpanel.h"
#include "panels/migrationspanel.h"
#include "panels/overviewpanel.h"
#include "panels/schedulespanel.h"
#include "panels/storespanel.h"
#include "panels/welcomepage.h"
#include "session/targetlauncher.h"
#include "session/targetsession.h"

#include <QApplication>
#include <QCommandLinkButton>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QTest>
#include <spdlog/spdlog.h>

using namespace dbops;

namespace {
// User tables of an SQLite file, counted by a connection of the test's own (not the console's code).
int countTables(const QString &path)
{
    int count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst-count"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                      "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) &&
                q.next())
                count = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst-count"));
    return count;
}

// Rows of the demo's schema_migrations, read by the test's own connection.
qint64 migrationRows(const QString &path)
{
    qint64 n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst-mig"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT count(*) FROM schema_migrations")) && q.next())
                n = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst-mig"));
    return n;
}

QString fact(const MainWindow &w, const QString &key)
{
    auto *label = w.findChild<QLabel *>(QStringLiteral("fact_") + key);
    return label ? label->text() : QString();
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_xdg.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"})
            qputenv(var, (m_xdg.path() + QLatin1Char('/') + QLatin1String(var)).toUtf8());
        Logging::setup(Logging::Mode::Gui);
        QVERIFY(m_demo.isValid());
        m_demoDir = m_demo.path() + QStringLiteral("/demo");
        const Error e = DemoStore::create(m_demoDir);
        QVERIFY2(!e.isError(), qPrintable(e.oneLine()));
        m_tradingDb = DemoStore::tradingDbPath(m_demoDir);
    }

    void opensOnWelcomePageWithoutTarget()
    {
        MainWindow w;
        w.show();
        StartupOptions options;
        options.detect = false;
        w.start(options);
        QVERIFY(w.isShowingWelcome());
        QVERIFY(w.findChild<QCommandLinkButton *>(QStringLiteral("welcomeDemo"))->isVisible());
    }

    void overviewShowsTableCountOfDemoFile()
    {
        const int expected = countTables(m_tradingDb);
        QVERIFY(expected > 0);
        MainWindow w;
        w.show();
        w.openTarget(Target::sqliteFile(m_tradingDb));
        QTRY_COMPARE_WITH_TIMEOUT(fact(w, QStringLiteral("tableCount")), QString::number(expected), 15000);
        QCOMPARE(w.overviewPanel()->overview().tables.size(), expected);
        auto *tables = w.findChild<QTableView *>(QStringLiteral("overviewTables"));
        QCOMPARE(tables->model()->rowCount(), expected);
    }

    void overviewShowsJournalModeOfDemoFile()
    {
        MainWindow w;
        w.show();
        w.openTarget(Target::sqliteFile(m_tradingDb));
        QTRY_COMPARE_WITH_TIMEOUT(fact(w, QStringLiteral("journalMode")), QStringLiteral("wal"), 15000);
        QVERIFY(fact(w, QStringLiteral("engine")).startsWith(QLatin1String("SQLite 3.")));
    }

    void overviewShowsOneRowPerStoreOfDataDirectory()
    {
        int stores = 0;
        int tables = 0;
        for (const DiscoveredItem &item : StoreDiscovery::scan(m_demoDir)) {
            stores += item.kind == DiscoveredItem::Kind::Sqlite || item.kind == DiscoveredItem::Kind::DuckDb;
            if (item.kind == DiscoveredItem::Kind::Sqlite)
                tables += countTables(item.path);
        }
        QVERIFY(stores >= 3);
        MainWindow w;
        w.show();
        w.openTarget(Target::dataDir(m_demoDir));
        QTRY_COMPARE_WITH_TIMEOUT(fact(w, QStringLiteral("storeCount")), QString::number(stores), 20000);
        QCOMPARE(fact(w, QStringLiteral("tableCount")), QString::number(tables));
        QCOMPARE(w.findChild<QTableView *>(QStringLiteral("overviewStores"))->model()->rowCount(), stores);
    }

    void statusBarShowsConnected()
    {
        MainWindow w;
        w.show();
        w.openTarget(Target::sqliteFile(m_tradingDb));
        QTRY_COMPARE_WITH_TIMEOUT(w.statusIndicator()->text(), QStringLiteral("connected"), 15000);
        QCOMPARE(w.statusIndicator()->state(), ConnectionMonitor::State::Connected);
    }

    void missingFileShowsNoSuchFileInlineAndCreatesNothing()
    {
        const QString missing = m_demo.path() + QStringLiteral("/absent/nothing.db");
        MainWindow w;
        w.show();
        w.openTarget(Target::sqliteFile(missing));
        auto *banner = w.findChild<ErrorBanner *>(QStringLiteral("overviewError"));
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(QLatin1String("no such file")), 15000);
        QVERIFY(banner->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(w.statusIndicator()->text().contains(QLatin1String("no such file")), 15000);
        QCOMPARE(w.statusIndicator()->state(), ConnectionMonitor::State::Failed);
        QVERIFY(w.statusBar()->currentMessage().contains(QLatin1String("no such file")));
        QVERIFY(!QFile::exists(missing));
        QVERIFY(!QFileInfo::exists(QFileInfo(missing).absolutePath()));
    }

    void storesTabListsStaleDemoLock()
    {
        MainWindow w;
        w.show();
        w.openTarget(Target::dataDir(m_demoDir));
        const DiscoveryModel *model = w.storesPanel()->model();
        const auto staleLockRow = [model] {
            for (int row = 0; row < model->rowCount(); ++row)
                if (model->item(row).kind == DiscoveredItem::Kind::LockFile &&
                    model->index(row, DiscoveryModel::LockColumn).data().toString().endsWith(QLatin1String("stale")))
                    return row;
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(staleLockRow() >= 0, 15000);
    }

    void logPanelReceivesSpdlogMessage()
    {
        MainWindow w;
        QSignalSpy spy(w.logPanel(), &LogPanel::recordShown);
        spdlog::warn("log panel test {}", 42);
        QTRY_VERIFY(!spy.isEmpty());
        const LogModel *model = w.logPanel()->model();
        QCOMPARE(model->record(model->rowCount() - 1).message, QStringLiteral("log panel test 42"));
        QCOMPARE(model->record(model->rowCount() - 1).level, QStringLiteral("warning"));
    }

    void demoButtonCreatesAndOpensDemoStore()
    {
        const QString demo = TargetLauncher::defaultDemoDir();
        QVERIFY(!QFileInfo::exists(DemoStore::tradingDbPath(demo)));
        MainWindow w;
        w.show();
        QTest::mouseClick(w.findChild<QCommandLinkButton *>(QStringLiteral("welcomeDemo")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->target().kind, Target::Kind::DataDir, 60000);
        QCOMPARE(w.session()->target().path, demo);
        QVERIFY(QFileInfo::exists(DemoStore::tradingDbPath(demo)));
        QTRY_VERIFY_WITH_TIMEOUT(w.overviewPanel()->hasOverview(), 20000);
        QVERIFY(!w.isShowingWelcome());
    }

    void environmentTargetOpensAtStartup()
    {
        MainWindow w;
        w.show();
        StartupOptions options;
        options.settingsJson = m_demoDir + QStringLiteral("/settings.json"); // db_path trading/trading.db
        QProcessEnvironment env;
        env.insert(QStringLiteral("DB_PATH"), m_tradingDb);
        w.findChild<TargetLauncher *>()->setEnvironment(env, m_demoDir);
        w.start(options);
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->target().path, m_tradingDb, 15000);
    }

    void environmentTabDetectsDemoSettingsOnFirstView()
    {
        MainWindow w;
        w.show();
        w.environmentPanel()->setEnvironment(QProcessEnvironment()); // the test runner's own variables must not count
        w.openDemo(m_demoDir);
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->target().path, m_demoDir, 15000);
        QCOMPARE(w.environmentPanel()->model()->rowCount(), 0);
        w.findChild<QTabWidget *>()->setCurrentWidget(w.environmentPanel());
        QTRY_COMPARE_WITH_TIMEOUT(w.environmentPanel()->detectedTarget().path, m_tradingDb, 15000);
        const OriginModel *origins = w.environmentPanel()->model();
        QStringList sources;
        for (int row = 0; row < origins->rowCount(); ++row)
            sources << origins->index(row, 2).data().toString();
        QVERIFY2(sources.join(QLatin1Char('|')).contains(QStringLiteral("settings.json")),
                 qPrintable(sources.join('|')));
    }

    // The Cleanup tab's section list reaches the Schedules section (`dbops schedule` in the console).
    void cleanupTabHasTheSchedulesSection()
    {
        MainWindow w;
        QStringList titles;
        for (const QListWidget *list : w.findChildren<QListWidget *>())
            for (int i = 0; i < list->count(); ++i)
                titles << list->item(i)->text();
        QVERIFY2(titles.contains(QStringLiteral("Schedules")), qPrintable(titles.join(QStringLiteral(", "))));
        QVERIFY(w.findChild<SchedulesPanel *>());
    }

    void healthTabScansTheStoreWhenFirstShown()
    {
        const int expected = countTables(m_tradingDb);
        MainWindow w;
        w.show();
        w.openTarget(Target::sqliteFile(m_tradingDb));
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->target().path, m_tradingDb, 10000);
        QVERIFY(w.healthPanel()->report().tables.isEmpty()); // nothing read before the tab is looked at
        w.findChild<QTabWidget *>(QStringLiteral("panelTabs"))->setCurrentWidget(w.healthPanel());
        QTRY_COMPARE_WITH_TIMEOUT(int(w.healthPanel()->report().tables.size()), expected, 30000);
    }

    void migrationsTabReadsSchemaMigrations()
    {
        MainWindow w;
        w.show();
        w.openTarget(Target::sqliteFile(m_tradingDb));
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->target().path, m_tradingDb, 10000);
        w.findChild<QTabWidget *>(QStringLiteral("panelTabs"))->setCurrentWidget(w.migrationsPanel());
        QTRY_VERIFY_WITH_TIMEOUT(!w.migrationsPanel()->report().tools.isEmpty(), 30000);
        const qint64 applied = migrationRows(m_tradingDb);
        QVERIFY(applied > 0);
        QCOMPARE(qint64(w.migrationsPanel()->report().tools.first().applied.size()), applied);
    }

private:
    QTemporaryDir m_xdg;
    QTemporaryDir m_demo;
    QString m_demoDir;
    QString m_tradingDb;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
