// Issue 19: a forced restore from the console, with a real bot process writing to the store and every
// monitoring panel visited first, must leave the live store intact each time: the restore is one transaction
// (the old or the restored state, integrity_check "ok") and the writer survives it. Repeated, because the
// failure it guards against was intermittent (2 of 3 tries).
#include "demo/demostore.h"
#include "dialogs/restoredialog.h"
#include "item/backupcatalogmodel.h"
#include "log/logging.h"
#include "mainwindow.h"
#include "panels/backupspanel.h"
#include "session/backupactions.h"
#include "session/targetsession.h"
#include "sqlitefixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

constexpr int kTrials = 20;

// `dbops demo --simulate`: a bot-like writer in its own process, committing every 20 ms.
class Writer {
public:
    explicit Writer(const QString &dataDir)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral(DBOPS_CLI_PATH),
                        {QStringLiteral("demo"), QStringLiteral("--simulate"), QStringLiteral("--db"), dataDir,
                         QStringLiteral("--interval"), QStringLiteral("20")});
    }
    ~Writer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000))
                m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    bool started() { return m_process.waitForStarted(10000); }
    bool running() const { return m_process.state() == QProcess::Running; }
    QString output() { return QString::fromUtf8(m_process.readAll()); }

private:
    QProcess m_process;
};

QString integrity(const QString &db)
{
    return SqliteFixture::scalar(db, QStringLiteral("PRAGMA integrity_check")).toString();
}

} // namespace

class TestForcedRestore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_dataDir;
    QString m_db;
    QString m_backups;

    // Every monitoring panel is shown long enough for its probes to run on the store, as an operator
    // clicking through them before the restore.
    static void visitPanels(MainWindow &w)
    {
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("panelTabs"));
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(400);
        }
        tabs->setCurrentWidget(w.backupsPanel());
    }

    static QString backUpAndVerify(MainWindow &w)
    {
        const int before = w.backupsPanel()->model()->rowCount();
        QSignalSpy ok(w.backupActions(), &BackupActions::succeeded);
        QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("backupNow")), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return ok.count() == 1; }, 60000) ||
            !QTest::qWaitFor([&] { return w.backupsPanel()->model()->rowCount() == before + 1; }, 10000))
            return {};
        const QString path = w.backupsPanel()->model()->entry(0).path;
        w.backupsPanel()->selectBackup(path);
        QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("backupVerify")), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return ok.count() == 2; }, 60000))
            return {};
        return path;
    }

    // One forced restore through the dialog; returns the outcome line (empty on success).
    static QString forcedRestore(MainWindow &w, const QString &backup)
    {
        w.backupsPanel()->selectBackup(backup);
        QSignalSpy ok(w.backupActions(), &BackupActions::succeeded);
        QSignalSpy failed(w.backupActions(), &BackupActions::failed);
        QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("backupRestore")), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return w.backupActions()->restoreDialog() || !failed.isEmpty(); }, 60000))
            return QStringLiteral("no restore dialog");
        if (!failed.isEmpty())
            return failed.at(0).at(0).value<Error>().oneLine();
        RestoreDialog *dialog = w.backupActions()->restoreDialog();
        if (auto *force = dialog->findChild<QCheckBox *>(QStringLiteral("restoreForce")))
            force->setChecked(true);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("restoreConfirm")),
                         dialog->plan().confirmationName());
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("restoreButton")), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return ok.count() + failed.count() == 1; }, 120000))
            return QStringLiteral("the restore did not finish");
        (void)QTest::qWaitFor([&] { return !w.backupActions()->restoreDialog(); }, 5000);
        return failed.isEmpty() ? QString() : failed.at(0).at(0).value<Error>().oneLine();
    }

    void trials(const Target &target)
    {
        Writer writer(m_dataDir);
        QVERIFY(writer.started());
        MainWindow w;
        w.show();
        w.backupsPanel()->setBackupDir(m_backups);
        w.openTarget(target);
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->target().path, target.path, 10000);
        visitPanels(w);
        const QString backup = backUpAndVerify(w);
        QVERIFY2(!backup.isEmpty(), "the backup or its verification failed");
        for (int i = 1; i <= kTrials; ++i) {
            const QString outcome = forcedRestore(w, backup);
            const QString check = integrity(m_db);
            QVERIFY2(check == QLatin1String("ok"),
                     qPrintable(QStringLiteral("trial %1: integrity_check says \"%2\" (restore: %3)")
                                    .arg(i)
                                    .arg(check, outcome.isEmpty() ? QStringLiteral("ok") : outcome)));
            QVERIFY2(outcome.isEmpty(), qPrintable(QStringLiteral("trial %1: %2").arg(i).arg(outcome)));
            QVERIFY2(
                writer.running(),
                qPrintable(QStringLiteral("trial %1: the writer died: %2").arg(i).arg(writer.output().right(400))));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_tmp.filePath(QLatin1String(var)).toUtf8());
        Logging::setup(Logging::Mode::Gui);
        m_dataDir = m_tmp.filePath(QStringLiteral("demo"));
        const Error created = DemoStore::create(m_dataDir, DemoOptions::endingNow());
        QVERIFY2(!created.isError(), qPrintable(created.oneLine()));
        m_db = DemoStore::tradingDbPath(m_dataDir);
        m_backups = m_tmp.filePath(QStringLiteral("backups"));
        QVERIFY(QDir().mkpath(m_backups));
    }

    void forcedStoreRestoreUnderWriterKeepsTheStoreIntact() { trials(Target::sqliteFile(m_db)); }

    void forcedDataDirRestoreUnderWriterKeepsTheStoreIntact() { trials(Target::dataDir(m_dataDir)); }
};

QTEST_MAIN(TestForcedRestore)
#include "tst_forcedrestore.moc"
