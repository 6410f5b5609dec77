// The status board in the console: the Overview opens with one row per concern for the open target, a click or
// Enter on a row switches to the tab that explains it, and the sidebar shows each saved profile's worst state
// (checked in the background) with the reasons in its tooltip.
#include "connection/profilestore.h"
#include "demo/demofiles.h"
#include "item/itemroles.h"
#include "item/profilelistmodel.h"
#include "log/logging.h"
#include "mainwindow.h"
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "panels/backupspanel.h"
#include "panels/cleanuppanel.h"
#include "panels/healthpanel.h"
#include "panels/migrationspanel.h"
#include "panels/overviewpanel.h"
#include "panels/statusboardview.h"
#include "panels/targetsidebar.h"
#include "session/targetsession.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestStatusBoard : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_staleDb; // a stale writer lock beside it, no backup: critical
    QString m_okDb;    // a clean store with a fresh verified backup: ok

    static bool createCleanStore(const QString &file)
    {
        return SqliteFixture::create(file,
                                     {"CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT)",
                                      "CREATE INDEX trades_symbol ON trades(symbol)",
                                      "INSERT INTO trades VALUES (1, 'A'), (2, 'B')"},
                                     true);
    }

    static QModelIndex rowOf(QTableView *view, const QString &panel)
    {
        for (int row = 0; row < view->model()->rowCount(); ++row)
            if (view->model()->index(row, 0).data(Qt::UserRole + 60).toString() == panel)
                return view->model()->index(row, 2);
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"})
            qputenv(var, m_tmp.filePath(QLatin1String(var)).toUtf8());
        Logging::setup(Logging::Mode::Gui);
        QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("stale"))));
        m_staleDb = m_tmp.filePath(QStringLiteral("stale/trading.db"));
        QVERIFY(createCleanStore(m_staleDb));
        Error error;
        QVERIFY(DemoFiles::writeStaleLock(m_tmp.filePath(QStringLiteral("stale/.writer.lock")), 40000, &error) > 0);
        QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("ok"))));
        m_okDb = m_tmp.filePath(QStringLiteral("ok/trading.db"));
        QVERIFY(createCleanStore(m_okDb));
        auto backup = BackupService::backup(Target::sqliteFile(m_okDb), BackupRequest{}, {}); // the default folder
        QVERIFY(backup);
        QVERIFY(BackupVerifier::verify(backup->path, {}, {})->verified());
    }

    void overviewOpensWithOneRowPerConcern()
    {
        TargetSession session;
        OverviewPanel panel(&session);
        QSignalSpy loaded(&panel, &OverviewPanel::statusLoaded);
        session.open(Target::sqliteFile(m_staleDb));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
        QTableView *view = panel.statusBoard()->view();
        QCOMPARE(view->model()->rowCount(), 12);
        const QModelIndex writer = rowOf(view, QStringLiteral("cleanup"));
        QVERIFY(writer.isValid());
        QVERIFY(writer.data().toString().contains(QStringLiteral("stale lock file")));
        QCOMPARE(Severity(writer.siblingAtColumn(0).data(ItemRole::SeverityRole).toInt()), Severity::Critical);
    }

    // The console judges with the profile's alert_* thresholds, as `dbops watch` does: a backup seconds old is
    // late for a profile that wants one every 0.0002 h (0.72 s), though on time by the default 26 h.
    void overviewJudgesByTheProfilesAlertThresholds()
    {
        Profile strict;
        strict.name = QStringLiteral("strict-bot");
        strict.target = Target::sqliteFile(m_okDb);
        ProfileStore profiles;
        QVERIFY(!profiles.save(strict));
        QSettings(profiles.file(), QSettings::IniFormat)
            .setValue(strict.name + QStringLiteral("/alert_backup_warn_hours"), 0.0002);
        QTest::qWait(1500); // the backup of initTestCase is older than that now
        TargetSession session;
        OverviewPanel panel(&session);
        QSignalSpy loaded(&panel, &OverviewPanel::statusLoaded);
        Target target = strict.target;
        target.profileName = strict.name;
        session.open(target);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
        const StatusCheck *backup = panel.statusBoard()->board().find(QStringLiteral("backup"));
        QVERIFY(backup);
        QVERIFY2(backup->state == CheckState::Warning, qPrintable(backup->reason));
    }

    // A store that cannot be read has a long reason (a hot journal, its size, what to do): it wraps, and the
    // Overview keeps the window's width instead of pushing its panels off the right edge.
    void aLongUnreadableReasonDoesNotWidenTheBoard()
    {
        StatusBoardView view;
        StatusBoard board;
        board.error = Error::make(ErrorCode::HotJournal, QStringLiteral("/srv/bot/data/trading.db has a hot rollback "
                                                                        "journal ")
                                                             .repeated(8));
        view.setBoard(board);
        QVERIFY2(view.minimumSizeHint().width() < 600, qPrintable(QString::number(view.minimumSizeHint().width())));
    }

    void aRowLeadsToTheTabThatExplainsIt_data()
    {
        QTest::addColumn<QString>("panel");
        QTest::addColumn<bool>("byKey");
        QTest::newRow("table health, clicked") << "health" << false;
        QTest::newRow("backup, clicked") << "backups" << false;
        QTest::newRow("migrations, Enter") << "migrations" << true;
        QTest::newRow("writer and lock files, Enter") << "cleanup" << true;
        QTest::newRow("scheduled jobs, clicked") << "schedules" << false;
    }

    void aRowLeadsToTheTabThatExplainsIt()
    {
        QFETCH(QString, panel);
        QFETCH(bool, byKey);
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(w.overviewPanel(), &OverviewPanel::statusLoaded);
        w.openTarget(Target::sqliteFile(m_staleDb));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
        QSignalSpy requested(w.overviewPanel(), &OverviewPanel::panelRequested);
        QTableView *view = w.overviewPanel()->statusBoard()->view();
        const QModelIndex index = rowOf(view, panel);
        QVERIFY(index.isValid());
        if (byKey) {
            view->setFocus();
            view->setCurrentIndex(index);
            QTest::keyClick(view, Qt::Key_Return);
        } else {
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        }
        QVERIFY(requested.count() >= 1);
        QCOMPARE(requested.first().first().toString(), panel);
        QHash<QString, QWidget *> tabs;
        tabs.insert(QStringLiteral("health"), w.healthPanel());
        tabs.insert(QStringLiteral("backups"), w.backupsPanel());
        tabs.insert(QStringLiteral("migrations"), w.migrationsPanel());
        tabs.insert(QStringLiteral("cleanup"), w.cleanupPanel());
        tabs.insert(QStringLiteral("schedules"), w.cleanupPanel()); // its Schedules section
        QCOMPARE(w.findChild<QTabWidget *>(QStringLiteral("panelTabs"))->currentWidget(), tabs.value(panel));
    }

    void sidebarShowsEachSavedProfilesWorstState()
    {
        const QString file = m_tmp.filePath(QStringLiteral("sidebar-profiles.ini"));
        ProfileStore store(file);
        Profile stale;
        stale.name = QStringLiteral("stale-bot");
        stale.target = Target::sqliteFile(m_staleDb);
        QVERIFY(!store.save(stale));
        Profile ok;
        ok.name = QStringLiteral("ok-bot");
        ok.target = Target::sqliteFile(m_okDb);
        QVERIFY(!store.save(ok));

        TargetSession session;
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        TargetSidebar sidebar(&session, &files, file);
        QSignalSpy refreshed(&sidebar, &TargetSidebar::statusesRefreshed);
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 20000);
        QHash<QString, QModelIndex> rows;
        const ProfileListModel *model = sidebar.model();
        for (int row = 0; row < model->rowCount(); ++row)
            rows.insert(model->index(row).data(ProfileListModel::ProfileNameRole).toString(), model->index(row));
        QCOMPARE(Severity(rows.value(QStringLiteral("stale-bot")).data(ItemRole::SeverityRole).toInt()),
                 Severity::Critical);
        QVERIFY(rows.value(QStringLiteral("stale-bot"))
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("writer: stale lock file")));
        QCOMPARE(Severity(rows.value(QStringLiteral("ok-bot")).data(ItemRole::SeverityRole).toInt()), Severity::Good);
    }

    // The sidebar judges each profile as its Overview and `dbops status` do: with its alert_* thresholds.
    void sidebarJudgesByEachProfilesAlertThresholds()
    {
        const QString file = m_tmp.filePath(QStringLiteral("strict-profiles.ini"));
        Profile strict;
        strict.name = QStringLiteral("strict-bot");
        strict.target = Target::sqliteFile(m_okDb);
        QVERIFY(!ProfileStore(file).save(strict));
        QSettings(file, QSettings::IniFormat)
            .setValue(strict.name + QStringLiteral("/alert_backup_warn_hours"), 0.0002);
        QTest::qWait(1500); // the backup of initTestCase is older than 0.72 s now

        TargetSession session;
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        TargetSidebar sidebar(&session, &files, file);
        QSignalSpy refreshed(&sidebar, &TargetSidebar::statusesRefreshed);
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 20000);
        const QModelIndex row = sidebar.model()->index(0);
        QCOMPARE(row.data(ProfileListModel::ProfileNameRole).toString(), strict.name);
        QVERIFY2(Severity(row.data(ItemRole::SeverityRole).toInt()) == Severity::Warning,
                 qPrintable(row.data(Qt::ToolTipRole).toString()));
    }
};

QTEST_MAIN(TestStatusBoard)
#include "tst_statusboard.moc"
