// The Backups tab end to end, on a real demo store: back up now, verify, and restore after the typed
// confirmation — through the same clicks an operator makes, with the jobs on the real operations worker.
#include "common/jobprogressstrip.h"
#include "demo/demostore.h"
#include "dialogs/jobprogressdialog.h"
#include "dialogs/restoredialog.h"
#include "item/backupcatalogmodel.h"
#include "log/logging.h"
#include "mainwindow.h"
#include "panels/backupspanel.h"
#include "session/backupactions.h"
#include "session/targetsession.h"
#include "sqlitefixture.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {
qint64 rows(const QString &db, const QString &table)
{
    return SqliteFixture::scalar(db, QStringLiteral("SELECT count(*) FROM %1").arg(table)).toLongLong();
}

QString stateOf(const BackupsPanel *panel, int row)
{
    return panel->model()->index(row, BackupCatalogModel::StateColumn).data().toString().toLower();
}
} // namespace

class TestBackupsPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_db;
    QString m_backups;

    // A window on the demo's trading.db with the Backups tab showing and its catalog read.
    void openOn(MainWindow &w)
    {
        w.show();
        w.backupsPanel()->setBackupDir(m_backups);
        w.openTarget(Target::sqliteFile(m_db));
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->target().path, m_db, 10000);
        w.findChild<QTabWidget *>(QStringLiteral("panelTabs"))->setCurrentWidget(w.backupsPanel());
        QSignalSpy refreshed(w.backupsPanel(), &BackupsPanel::refreshed);
        w.backupsPanel()->refresh();
        QTRY_VERIFY(refreshed.count() >= 1);
    }

    QString backUpNow(MainWindow &w)
    {
        const int before = w.backupsPanel()->model()->rowCount();
        QSignalSpy ok(w.backupActions(), &BackupActions::succeeded);
        auto *button = w.findChild<QPushButton *>(QStringLiteral("backupNow"));
        if (!button || !button->isEnabled())
            return {};
        QTest::mouseClick(button, Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return ok.count() == 1; }, 30000))
            return {};
        if (!QTest::qWaitFor([&] { return w.backupsPanel()->model()->rowCount() == before + 1; }, 10000))
            return {};
        return w.backupsPanel()->model()->entry(0).path; // newest first
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_tmp.filePath(QLatin1String(var)).toUtf8());
        Logging::setup(Logging::Mode::Gui);
        DemoOptions small;
        small.days = 3;
        small.marketDataDays = 2;
        const QString demo = m_tmp.filePath(QStringLiteral("demo"));
        const Error created = DemoStore::create(demo, small);
        QVERIFY2(!created.isError(), qPrintable(created.oneLine()));
        m_db = DemoStore::tradingDbPath(demo);
        m_backups = m_tmp.filePath(QStringLiteral("backups"));
        QVERIFY(QDir().mkpath(m_backups));
    }

    void backUpNowListsTheNewBackup()
    {
        MainWindow w;
        openOn(w);
        const QString path = backUpNow(w);
        QVERIFY(!path.isEmpty());
        QVERIFY(QFileInfo(path).absolutePath() == QFileInfo(m_backups).absoluteFilePath());
        QVERIFY(QFileInfo::exists(path + QStringLiteral(".manifest.json")));
        QCOMPARE(rows(path, QStringLiteral("trades")), rows(m_db, QStringLiteral("trades")));
    }

    // A backup runs in the Backups tab's progress strip: no modal dialog blocks the window, the other tabs
    // stay usable meanwhile, and the strip goes away when the backup is written.
    void backupProgressLeavesTheWindowUsable()
    {
        MainWindow w;
        openOn(w);
        auto *strip = w.findChild<JobProgressStrip *>(QStringLiteral("backupProgress"));
        QVERIFY(strip);
        QVERIFY(!strip->isVisible());
        QSignalSpy ok(w.backupActions(), &BackupActions::succeeded);
        QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("backupNow")), Qt::LeftButton);
        QVERIFY(strip->isVisible());
        QVERIFY(strip->findChild<QPushButton *>(QStringLiteral("jobCancel"))->isEnabled());
        QVERIFY(!QApplication::activeModalWidget());
        QVERIFY(!w.backupActions()->progressDialog());
        const QString shots = qEnvironmentVariable("DBOPS_SHOTS");
        if (!shots.isEmpty() && QDir().mkpath(shots))
            w.grab().save(shots + QStringLiteral("/backupspanel-progress.png"));
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("panelTabs"));
        QVERIFY(tabs->isEnabled());
        tabs->setCurrentIndex(0); // another tab, while the backup runs
        QVERIFY(tabs->currentWidget() != w.backupsPanel());
        QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 1, 30000);
        QVERIFY(!strip->isVisible());
    }

    // The backup goes to the folder typed as its destination, and the list then shows that folder.
    void backupGoesToTheChosenDestination()
    {
        MainWindow w;
        openOn(w);
        const QString elsewhere = m_tmp.filePath(QStringLiteral("elsewhere"));
        QVERIFY(QDir().mkpath(elsewhere));
        auto *destination = w.findChild<QLineEdit *>(QStringLiteral("backupDestination"));
        QVERIFY(destination);
        QCOMPARE(QDir::fromNativeSeparators(destination->text()), QFileInfo(m_backups).absoluteFilePath());
        destination->setText(elsewhere);
        QSignalSpy ok(w.backupActions(), &BackupActions::succeeded);
        QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("backupNow")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 1, 30000);
        QCOMPARE(w.backupsPanel()->backupDir(), elsewhere);
        QTRY_COMPARE_WITH_TIMEOUT(w.backupsPanel()->model()->rowCount(), 1, 10000); // the new folder's only backup
        const QString path = w.backupsPanel()->model()->entry(0).path;
        QCOMPARE(QFileInfo(path).absolutePath(), QFileInfo(elsewhere).absoluteFilePath());
    }

    void verifyMarksTheBackupVerified()
    {
        MainWindow w;
        openOn(w);
        const QString path = backUpNow(w);
        QVERIFY(!path.isEmpty());
        w.backupsPanel()->selectBackup(path);
        QCOMPARE(w.backupsPanel()->selectedBackup(), path);
        QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("backupVerify")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(w.backupsPanel(), 0), QStringLiteral("verified"), 30000);
    }

    void restoreWaitsForTypedNameThenRestores()
    {
        MainWindow w;
        openOn(w);
        const QString path = backUpNow(w);
        QVERIFY(!path.isEmpty());
        const qint64 inBackup = rows(m_db, QStringLiteral("error_logs"));
        // The bot writes on after the backup; the restore takes these rows away.
        QVERIFY(SqliteFixture::exec(m_db, QStringLiteral("INSERT INTO error_logs (level, source, message, created_at) "
                                                         "VALUES ('ERROR', 'test', 'after backup', datetime('now'))")));
        QCOMPARE(rows(m_db, QStringLiteral("error_logs")), inBackup + 1);

        w.backupsPanel()->selectBackup(path);
        QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("backupRestore")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w.backupActions()->restoreDialog(), 30000);
        RestoreDialog *dialog = w.backupActions()->restoreDialog();
        auto *restore = dialog->findChild<QPushButton *>(QStringLiteral("restoreButton"));
        QVERIFY(!restore->isEnabled());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("restoreConfirm")),
                         dialog->plan().confirmationName());
        QVERIFY(restore->isEnabled());
        QSignalSpy ok(w.backupActions(), &BackupActions::succeeded);
        QSignalSpy failed(w.backupActions(), &BackupActions::failed);
        QTest::mouseClick(restore, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ok.count() + failed.count() == 1, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).value<Error>().oneLine()));
        QCOMPARE(rows(m_db, QStringLiteral("error_logs")), inBackup);
        // The safety backup of the state before the restore is in the catalog too.
        QVERIFY2(ok.at(0).at(0).toString().contains(QStringLiteral("safety backup")),
                 qPrintable(ok.at(0).at(0).toString()));
    }

    // After a restore that failed its check, one click starts putting the safety backup back: the usual
    // restore preview of that backup, into the same target, still behind the typed confirmation.
    void failedRestoreOffersTheSafetyBackupInOneClick()
    {
        MainWindow w;
        openOn(w);
        const QString safety = backUpNow(w); // stands for the safety backup the failed restore took
        QVERIFY(!safety.isEmpty());
        auto *undo = w.findChild<QPushButton *>(QStringLiteral("restoreUndo"));
        QVERIFY(undo);
        QVERIFY(!undo->isVisible());
        Q_EMIT w.backupActions()->undoOffered(safety, Target::sqliteFile(m_db));
        QVERIFY(undo->isVisible());
        const QString shots = qEnvironmentVariable("DBOPS_SHOTS");
        if (!shots.isEmpty() && QDir().mkpath(shots))
            w.grab().save(shots + QStringLiteral("/backupspanel-undo.png"));
        QTest::mouseClick(undo, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w.backupActions()->restoreDialog(), 30000);
        RestoreDialog *dialog = w.backupActions()->restoreDialog();
        QCOMPARE(dialog->plan().backupPath, safety);
        QCOMPARE(dialog->plan().target.path, m_db);
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("restoreButton"))->isEnabled());
        QVERIFY(!undo->isVisible());
        dialog->reject();
    }

    // The same flow for a whole data directory: its backup folder restores every store, after a dialog that
    // lists each store with its schema on both sides.
    void dataDirRestoreListsEveryStoreThenRestoresThem()
    {
        const QString dataDir = m_tmp.filePath(QStringLiteral("demo")); // the bot's data directory
        MainWindow w;
        w.show();
        w.backupsPanel()->setBackupDir(m_backups);
        w.openTarget(Target::dataDir(dataDir));
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->target().path, dataDir, 10000);
        w.findChild<QTabWidget *>(QStringLiteral("panelTabs"))->setCurrentWidget(w.backupsPanel());
        QSignalSpy refreshed(w.backupsPanel(), &BackupsPanel::refreshed);
        w.backupsPanel()->refresh();
        QTRY_VERIFY(refreshed.count() >= 1);
        const QString path = backUpNow(w);
        QVERIFY(QFileInfo(path).isDir());
        const qint64 inBackup = rows(m_db, QStringLiteral("error_logs"));
        QVERIFY(SqliteFixture::exec(m_db, QStringLiteral("INSERT INTO error_logs (level, source, message, created_at) "
                                                         "VALUES ('ERROR', 'test', 'after backup', datetime('now'))")));

        w.backupsPanel()->selectBackup(path);
        QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("backupRestore")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w.backupActions()->restoreDialog(), 30000);
        RestoreDialog *dialog = w.backupActions()->restoreDialog();
        QVERIFY(dialog->plan().isDataDir());
        QVERIFY(dialog->plan().members.size() >= 1);
        auto *stores = dialog->findChild<QLabel *>(QStringLiteral("restoreStores"));
        QVERIFY(stores);
        for (const RestorePlan &m : dialog->plan().members)
            QVERIFY2(stores->text().contains(m.relativePath), qPrintable(stores->text()));
        QCOMPARE(dialog->plan().confirmationName(), QFileInfo(dataDir).fileName());
        const QString shots = qEnvironmentVariable("DBOPS_SHOTS");
        if (!shots.isEmpty() && QDir().mkpath(shots))
            dialog->grab().save(shots + QStringLiteral("/restoredialog-datadir.png"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("restoreConfirm")),
                         dialog->plan().confirmationName());
        QSignalSpy ok(w.backupActions(), &BackupActions::succeeded);
        QSignalSpy failed(w.backupActions(), &BackupActions::failed);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("restoreButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ok.count() + failed.count() == 1, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).value<Error>().oneLine()));
        QCOMPARE(rows(m_db, QStringLiteral("error_logs")), inBackup);
        QVERIFY2(ok.at(0).at(0).toString().contains(QStringLiteral("stores)")), qPrintable(ok.at(0).at(0).toString()));
        if (!shots.isEmpty())
            w.grab().save(shots + QStringLiteral("/backupspanel-after-datadir-restore.png"));
    }

    // The bot's own copy (seed 002's backups/<db_type>/<date>/) is listed beside dbops's, also with "Only backups
    // of the current target" ticked, since its name says which store it is a copy of.
    void listsTheBotsOwnBackupOfTheTarget()
    {
        const QString folder = m_tmp.filePath(QStringLiteral("bot-backups"));
        const QString day = folder + QStringLiteral("/trading/2026-12-04");
        QVERIFY(QDir().mkpath(day));
        const QString copy = day + QStringLiteral("/trading_20261204T1000Z.db");
        QVERIFY(SqliteFixture::createTradingStore(copy, 5, false));
        MainWindow w;
        openOn(w);
        QSignalSpy refreshed(w.backupsPanel(), &BackupsPanel::refreshed);
        w.backupsPanel()->setBackupDir(folder);
        w.backupsPanel()->refresh();
        QTRY_VERIFY(refreshed.count() >= 1);
        const BackupCatalogModel *model = w.backupsPanel()->model();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->entry(0).path, copy);
        QVERIFY(model->index(0, BackupCatalogModel::EngineColumn).data().toString().contains(QLatin1String("bot")));
        QCOMPARE(stateOf(w.backupsPanel(), 0), QStringLiteral("unverified"));
    }
};

QTEST_MAIN(TestBackupsPanel)
#include "tst_backupspanel.moc"
