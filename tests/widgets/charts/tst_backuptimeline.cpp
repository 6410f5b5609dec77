// The Backups tab's timeline and continuous protection, from real files: a real WAL store, backups taken and verified
// by the core, the bot's own timestamped copies, and a replica the real Litestream made (found as dbops finds it;
// the tests that need it skip only when there is no Litestream binary). Clicks go through the plot as an
// operator's do, the jobs through the window's real workers.
#include "chartinspect.h"
#include "charts/backuptimeline.h"
#include "dialogs/restoredialog.h"
#include "log/logging.h"
#include "mainwindow.h"
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "ops/drill.h"
#include "ops/litestream.h"
#include "ops/protectrunner.h"
#include "panels/backupspanel.h"
#include "replicafixture.h"
#include "session/backupactions.h"
#include "session/targetsession.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest/QTest>
#include <csignal>
#include <qcustomplot.h>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

constexpr int kWaitMs = 60000; // a loaded CI machine; nothing here asserts a duration

int pointsOf(const QCustomPlot *plot, const QString &graphName)
{
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name() == graphName)
            return plot->graph(i)->dataCount();
    return -1;
}

} // namespace

class TestBackupTimeline : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_db;
    QString m_backups;
    QString m_botBackup; // the bot's copy named as taken an hour ago
    QString m_litestream;
    QString m_replica; // a replica root with a replica of m_db; empty without Litestream
    ReplicaWindow m_window;

    // A window on the store with the Backups tab showing, its catalog and replica read.
    void openOn(MainWindow &w)
    {
        w.resize(1280, 800);
        w.show();
        w.backupsPanel()->setBackupDir(m_backups);
        w.openTarget(Target::sqliteFile(m_db));
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->target().path, m_db, 10000);
        w.findChild<QTabWidget *>(QStringLiteral("panelTabs"))->setCurrentWidget(w.backupsPanel());
        QSignalSpy refreshed(w.backupsPanel(), &BackupsPanel::refreshed);
        w.backupsPanel()->setReplicaDir(m_replica);
        w.backupsPanel()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 10000);
        const BackupTimeline *timeline = w.backupsPanel()->timeline();
        QTRY_VERIFY_WITH_TIMEOUT(timeline->lastWrite().isValid(), 10000);
        if (!m_replica.isEmpty())
            QTRY_VERIFY_WITH_TIMEOUT(timeline->bandCount() > 0, kWaitMs);
        for (int i = 0; i < 3; ++i) { // the plot's second pass, once the layout has given it its size
            timeline->plot()->replot();
            QCoreApplication::processEvents();
        }
    }

    // Litestream replicates the store until its replica holds a row written now, then stops.
    void makeReplica()
    {
        const QString root = m_tmp.filePath(QStringLiteral("replicas"));
        const QString problem = test::ReplicaFixture::make(m_litestream, m_db, root);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto window = Litestream::window(m_litestream, root, m_db);
        QVERIFY(window);
        m_window = window.value();
        m_replica = root;
    }

    // A copy of the store as the bot's script makes them, named with the moment an hour ago.
    void makeBotBackup()
    {
        const QDateTime hourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600);
        const QString folder = m_backups + QStringLiteral("/trading/") + hourAgo.toString(QStringLiteral("yyyy-MM-dd"));
        QVERIFY(QDir().mkpath(folder));
        m_botBackup =
            folder + QStringLiteral("/trading_%1.db").arg(hourAgo.toString(QStringLiteral("yyyyMMdd'T'HHmm'Z'")));
        QVERIFY(SqliteFixture::createTradingStore(m_botBackup, 5, false));
    }

    void skipWithoutLitestream()
    {
        if (m_litestream.isEmpty())
            QSKIP("no Litestream binary (DBOPS_LITESTREAM, beside dbops, PATH, /opt/dbops/litestream/bin)");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_tmp.filePath(QLatin1String(var)).toUtf8());
        Logging::setup(Logging::Mode::Gui);
        m_db = m_tmp.filePath(QStringLiteral("data/trading/trading.db"));
        QVERIFY(QDir().mkpath(QFileInfo(m_db).path()));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 50));
        m_backups = m_tmp.filePath(QStringLiteral("backups"));
        const Target store = Target::sqliteFile(m_db);
        auto verified = BackupService::backup(store, BackupRequest{m_backups}, {});
        auto failed = BackupService::backup(store, BackupRequest{m_backups}, {});
        auto unverified = BackupService::backup(store, BackupRequest{m_backups}, {});
        auto proven = BackupService::backup(store, BackupRequest{m_backups}, {});
        QVERIFY(verified && failed && unverified && proven);
        DrillRequest drill;
        drill.target = store;
        drill.backupPath = proven->path;
        drill.backupDir = m_backups;
        drill.scratchDir = m_tmp.path();
        auto drilled = RestoreDrill::run(drill, {});
        QVERIFY2(drilled && drilled->passed(),
                 drilled ? qPrintable(drilled->problems.join(", ")) : qPrintable(drilled.error().oneLine()));
        QVERIFY(BackupVerifier::verify(verified->path, {}, {})->verified());
        QFile::resize(failed->path, 100);
        QVERIFY(!BackupVerifier::verify(failed->path, {}, {})->verified());
        makeBotBackup();
        auto found = Litestream::find(QFileInfo(QStringLiteral(DBOPS_CLI_PATH)).absolutePath());
        if (found) {
            m_litestream = found.value();
            makeReplica();
        }
    }

    void pointsAreTheBackupsColouredByState_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("points");
        QTest::newRow("verified") << QStringLiteral("verified") << 1;
        QTest::newRow("failed") << QStringLiteral("failed") << 1;
        QTest::newRow("unverified: dbops's and the bot's") << QStringLiteral("unverified") << 2;
        QTest::newRow("proven by a drill") << QStringLiteral("proven by a restore drill") << 1;
    }

    void pointsAreTheBackupsColouredByState()
    {
        QFETCH(QString, state);
        QFETCH(int, points);
        MainWindow w;
        openOn(w);
        const BackupTimeline *timeline = w.backupsPanel()->timeline();
        QCOMPARE(timeline->pointCount(), 5);
        QCOMPARE(pointsOf(timeline->plot(), state), points);
    }

    // The bot's own copy sits on its own row, at the moment its name says.
    void theBotsCopyIsOnItsOwnRow()
    {
        MainWindow w;
        openOn(w);
        const BackupTimeline *timeline = w.backupsPanel()->timeline();
        const QPoint bot = timeline->pointOf(m_botBackup);
        QVERIFY(bot.x() >= 0);
        QCustomPlot *plot = timeline->plot();
        QVERIFY(qAbs(plot->yAxis->pixelToCoord(bot.y()) - 1.0) < 0.05);
        const QDateTime named = QDateTime::currentDateTimeUtc().addSecs(-3600);
        QVERIFY(qAbs(plot->xAxis->pixelToCoord(bot.x()) - named.toSecsSinceEpoch()) < 120);
    }

    void lineIsTheStoresNewestWrite()
    {
        MainWindow w;
        openOn(w);
        QCOMPARE(w.backupsPanel()->timeline()->lastWrite(), Litestream::lastWrite(m_db));
    }

    void bandIsTheReplicasWindow()
    {
        skipWithoutLitestream();
        MainWindow w;
        openOn(w);
        const BackupTimeline *timeline = w.backupsPanel()->timeline();
        QCOMPARE(timeline->bandCount(), int(m_window.generations.size()));
        QVERIFY(timeline->bandPointOf(m_window.restorableFrom).x() >= 0);
        QVERIFY(timeline->bandPointOf(m_window.restorableTo).x() >= 0);
        QCOMPARE(timeline->bandPointOf(m_window.restorableFrom.addSecs(-60)), QPoint(-1, -1));
        const QString shots = qEnvironmentVariable("DBOPS_SHOTS");
        if (!shots.isEmpty() && QDir().mkpath(shots))
            w.grab().save(shots + QStringLiteral("/backups-timeline-test.png"));
    }

    void timeLabelsDoNotOverlap()
    {
        MainWindow w;
        openOn(w);
        QCustomPlot *plot = w.backupsPanel()->timeline()->plot();
        const auto ticks = chartinspect::ticksOf(plot->xAxis);
        QVERIFY(ticks.size() >= 2);
        const QFontMetrics fm(plot->xAxis->tickLabelFont());
        for (int i = 1; i < ticks.size(); ++i) {
            const double room =
                (fm.horizontalAdvance(ticks[i - 1].second) + fm.horizontalAdvance(ticks[i].second)) / 2.0;
            QVERIFY2(ticks[i].first - ticks[i - 1].first > room,
                     qPrintable(ticks[i - 1].second + QStringLiteral(" / ") + ticks[i].second));
        }
    }

    void clickOnAPointOpensThePreviewOfThatBackup()
    {
        MainWindow w;
        openOn(w);
        const BackupTimeline *timeline = w.backupsPanel()->timeline();
        QSignalSpy clicked(timeline, &BackupTimeline::backupClicked);
        QTest::mouseClick(timeline->plot(), Qt::LeftButton, {}, timeline->pointOf(m_botBackup));
        QCOMPARE(clicked.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(w.backupActions()->restoreDialog(), 30000);
        RestoreDialog *dialog = w.backupActions()->restoreDialog();
        QCOMPARE(dialog->plan().backupPath, m_botBackup);
        QCOMPARE(dialog->plan().target.path, m_db);
        dialog->reject();
    }

    void clickInsideTheBandOpensThePreviewOfThatMoment()
    {
        skipWithoutLitestream();
        MainWindow w;
        openOn(w);
        const BackupTimeline *timeline = w.backupsPanel()->timeline();
        QCustomPlot *plot = timeline->plot();
        // Zoomed to the window, as an operator would to pick a second.
        plot->xAxis->setRange(m_window.restorableFrom.toSecsSinceEpoch() - 5,
                              m_window.restorableTo.toSecsSinceEpoch() + 5);
        plot->replot();
        const QDateTime moment =
            m_window.restorableFrom.addSecs(m_window.restorableFrom.secsTo(m_window.restorableTo) / 2);
        QSignalSpy clicked(timeline, &BackupTimeline::momentClicked);
        QTest::mouseClick(plot, Qt::LeftButton, {}, timeline->bandPointOf(moment));
        QCOMPARE(clicked.count(), 1);
        const QDateTime at = clicked.first().first().toDateTime();
        QVERIFY2(qAbs(at.secsTo(moment)) <= 1, qPrintable(at.toString(Qt::ISODate)));
        QTRY_VERIFY_WITH_TIMEOUT(w.backupActions()->restoreDialog(), kWaitMs);
        RestoreDialog *dialog = w.backupActions()->restoreDialog();
        // Litestream wrote the state at that moment into a scratch file named with it (not one of the backups).
        const QString restoredFrom = dialog->plan().backupPath;
        QVERIFY2(restoredFrom.contains(at.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"))),
                 qPrintable(restoredFrom));
        QVERIFY(!restoredFrom.startsWith(m_backups));
        QCOMPARE(dialog->plan().target.path, m_db);
        const QString scratch = QFileInfo(restoredFrom).path();
        dialog->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(scratch), 10000); // the scratch copy goes with the dialog
    }

    void protectStartsRunsAndStops()
    {
        skipWithoutLitestream();
        MainWindow w;
        openOn(w);
        BackupsPanel *panel = w.backupsPanel();
        panel->setReplicaDir(m_tmp.filePath(QStringLiteral("protected")));
        ProtectRunner *runner = panel->protectRunner();
        runner->setPollIntervalMs(300);
        auto *start = panel->findChild<QPushButton *>(QStringLiteral("protectStart"));
        auto *stop = panel->findChild<QPushButton *>(QStringLiteral("protectStop"));
        auto *state = panel->findChild<QLabel *>(QStringLiteral("protectState"));
        QVERIFY(start->isEnabled() && !stop->isEnabled());
        QVERIFY(state->text().contains(QLatin1String("off")));
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(runner->state(), ProtectRunner::State::Running, kWaitMs);
        QVERIFY2(state->text().contains(QLatin1String("running (lag")), qPrintable(state->text()));
        QVERIFY(stop->isEnabled() && !start->isEnabled());
        const qint64 pid = runner->processId();
        QVERIFY(pid > 0);
        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(runner->state(), ProtectRunner::State::Off, kWaitMs);
        QVERIFY(::kill(pid_t(pid), 0) != 0); // Litestream is gone
        QVERIFY(state->text().contains(QLatin1String("off")));
        QVERIFY(start->isEnabled());
    }

    void protectStallsWhenLitestreamDies()
    {
        skipWithoutLitestream();
        MainWindow w;
        openOn(w);
        BackupsPanel *panel = w.backupsPanel();
        panel->setReplicaDir(m_tmp.filePath(QStringLiteral("protected-killed")));
        ProtectRunner *runner = panel->protectRunner();
        runner->setPollIntervalMs(300);
        panel->protectContinuously();
        QTRY_COMPARE_WITH_TIMEOUT(runner->state(), ProtectRunner::State::Running, kWaitMs);
        ::kill(pid_t(runner->processId()), SIGKILL);
        QTRY_COMPARE_WITH_TIMEOUT(runner->state(), ProtectRunner::State::Stalled, kWaitMs);
        auto *state = panel->findChild<QLabel *>(QStringLiteral("protectState"));
        QVERIFY2(state->text().contains(QLatin1String("stalled")) && runner->why().contains(QLatin1String("killed")),
                 qPrintable(state->text()));
        QVERIFY(panel->findChild<QPushButton *>(QStringLiteral("protectStart"))->isEnabled()); // it may start again
    }

    // A store in rollback-journal mode cannot be replicated: stalled with Litestream's reason, nothing started.
    void protectRefusesAStoreNotInWalMode()
    {
        skipWithoutLitestream();
        const QString journal = m_tmp.filePath(QStringLiteral("journal/trading.db"));
        QVERIFY(QDir().mkpath(QFileInfo(journal).path()));
        QVERIFY(SqliteFixture::createTradingStore(journal, 3, false));
        MainWindow w;
        w.show();
        w.openTarget(Target::sqliteFile(journal));
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->target().path, journal, 10000);
        BackupsPanel *panel = w.backupsPanel();
        panel->setReplicaDir(m_tmp.filePath(QStringLiteral("journal-replica")));
        panel->protectContinuously();
        QTRY_COMPARE_WITH_TIMEOUT(panel->protectRunner()->state(), ProtectRunner::State::Stalled, kWaitMs);
        QVERIFY2(panel->protectRunner()->why().contains(QLatin1String("WAL")),
                 qPrintable(panel->protectRunner()->why()));
        QVERIFY(!panel->protectRunner()->running());
    }
};

QTEST_MAIN(TestBackupTimeline)
#include "tst_backuptimeline.moc"
