// The console's backup and verify hold the store's job lock, the one `dbops backup|verify` take (ScheduledRun):
// while a run of the job holds it (a scheduled one, here the test), the console does not start and says so; while
// the console's backup runs, a scheduled `dbops backup` skips.
#include "clirunner.h"
#include "common/errorbanner.h"
#include "demo/demostore.h"
#include "item/backupcatalogmodel.h"
#include "log/logging.h"
#include "mainwindow.h"
#include "ops/backupnaming.h"
#include "panels/backupspanel.h"
#include "schedule/joblock.h"
#include "schedule/lockedjobs.h"
#include "session/backupactions.h"
#include "session/targetsession.h"

#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace dbops;
using namespace dbops::test;

class TestBackupLock : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_db;
    QString m_backups;

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
    int backupCount() const { return int(QDir(m_backups).entryList({QStringLiteral("*.db")}, QDir::Files).size()); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_tmp.filePath(QLatin1String(var)).toUtf8());
        qputenv("DBOPS_SYSTEMCTL", m_tmp.filePath(QStringLiteral("no-systemctl")).toUtf8());
        Logging::setup(Logging::Mode::Gui);
        DemoOptions small;
        small.days = 2;
        small.marketDataDays = 1;
        const QString demo = m_tmp.filePath(QStringLiteral("demo"));
        const Error created = DemoStore::create(demo, small);
        QVERIFY2(!created.isError(), qPrintable(created.oneLine()));
        m_db = DemoStore::tradingDbPath(demo);
        m_backups = m_tmp.filePath(QStringLiteral("backups"));
        QVERIFY(QDir().mkpath(m_backups));
    }

    void theConsoleDoesNotStartWhileTheJobRuns_data()
    {
        QTest::addColumn<QString>("job");
        QTest::addColumn<QString>("button");
        QTest::newRow("backup") << "backup"
                                << "backupNow";
        QTest::newRow("verify") << "verify"
                                << "backupVerify";
    }

    void theConsoleDoesNotStartWhileTheJobRuns()
    {
        QFETCH(QString, job);
        QFETCH(QString, button);
        MainWindow w;
        openOn(w);
        if (w.backupsPanel()->model()->rowCount() == 0) { // verify needs a backup to select
            QSignalSpy ok(w.backupActions(), &BackupActions::succeeded);
            QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("backupNow")), Qt::LeftButton);
            QVERIFY(QTest::qWaitFor([&] { return ok.count() == 1; }, 30000));
            QTRY_COMPARE_WITH_TIMEOUT(w.backupsPanel()->model()->rowCount(), 1, 10000);
        }
        w.backupsPanel()->selectBackup(w.backupsPanel()->model()->entry(0).path);
        const int before = backupCount();
        QSignalSpy failed(w.backupActions(), &BackupActions::failed);
        QSignalSpy succeeded(w.backupActions(), &BackupActions::succeeded);
        {
            const JobLock scheduled(job, BackupNaming::sourceId(Target::sqliteFile(m_db)));
            QVERIFY(scheduled.held());
            auto *b = w.findChild<QPushButton *>(button);
            QTRY_VERIFY_WITH_TIMEOUT(b->isEnabled(), 10000);
            QTest::mouseClick(b, Qt::LeftButton);
            QVERIFY(QTest::qWaitFor([&] { return failed.count() == 1; }, 30000));
        }
        const Error e = failed.at(0).at(0).value<Error>();
        QCOMPARE(e.code, ErrorCode::Busy);
        QVERIFY2(e.message.contains(QStringLiteral("a %1 of %2 is already running").arg(job, m_db)),
                 qPrintable(e.message));
        const QString banner = w.backupsPanel()->findChild<ErrorBanner *>(QStringLiteral("backupsBanner"))->text();
        QVERIFY2(banner.contains(QStringLiteral("already running")), qPrintable(banner));
        QCOMPARE(succeeded.count(), 0);
        QCOMPARE(backupCount(), before);
    }

    // The console's backup job itself, run as the operations worker runs it; at its first progress report (the
    // backup under way) a scheduled `dbops backup` of the same store starts and must skip.
    void aScheduledRunSkipsWhileTheConsoleBacksUp()
    {
        QProcessEnvironment scheduled = CliRunner::cleanEnvironment();
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            scheduled.insert(QLatin1String(var), qEnvironmentVariable(var));
        scheduled.insert(QStringLiteral("DBOPS_SCHEDULE"), QStringLiteral("dbops-backup-trading"));
        const QString cliOut = m_tmp.filePath(QStringLiteral("cli-out"));
        CliResult during;
        BackupRequest request;
        request.outDir = m_backups;
        JobContext context(QString(), Target::sqliteFile(m_db), CancelToken(), [&](qint64, qint64, const QString &) {
            if (during.exitCode < 0)
                during = CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db,
                                         QStringLiteral("--out"), cliOut, QStringLiteral("--json")},
                                        scheduled);
        });
        const QVariant result = LockedJobs::backup(Target::sqliteFile(m_db), request)(context);
        QVERIFY2(result.canConvert<BackupResult>(), qPrintable(result.value<Error>().oneLine()));
        QCOMPARE(during.exitCode, 0);
        QCOMPARE(during.json().value(QLatin1String("status")).toString(), QStringLiteral("skipped"));
        QVERIFY2(during.err.contains("already running"), during.err.constData());
        QVERIFY(QDir(cliOut).entryList(QDir::Files).isEmpty());
    }
};

QTEST_MAIN(TestBackupLock)
#include "tst_backuplock.moc"
