// The Backups tab's side instances, end to end through the console against the real PostgreSQL 15 test server and
// a real pgBackRest stanza with a local repository: a click in the point-in-time window opens the restore dialog;
// the dialog restores the cluster as of a second between two commits into a side instance, which the section
// then lists; Compare shows the table with its different row counts; Copy back (typed confirmation) makes the live
// table the side one's and is audited as the CLI's; Stop (typed confirmation) removes the directory. One side
// instance for the class; the functions run in order. DBOPS_SHOTS=DIR keeps pictures of the dialog and the section.
// Runs alone (RUN_SERIAL): archive_command is the server's, and it starts a cluster.
#include "audit/auditlog.h"
#include "charts/backuptimeline.h"
#include "cleanup/confirmdialog.h"
#include "common/errorbanner.h"
#include "common/tableviews.h"
#include "connection/connector.h"
#include "connection/profilestore.h"
#include "dialogs/siderestoredialog.h"
#include "item/itemroles.h"
#include "item/tablecomparemodel.h"
#include "log/logging.h"
#include "mainwindow.h"
#include "panels/backupspanel.h"
#include "panels/sideinstancesection.h"
#include "pgarchive.h"
#include "pgstanza.h"
#include "pgtestserver.h"
#include "pitr/sidestop.h"
#include "session/targetsession.h"

#include <QDateTimeEdit>
#include <QPainter>
#include <QSettings>
#include <QTabWidget>
#include <QtTest>
#include <cmath>
#include <memory>
#include <qcustomplot.h>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kProfile = QStringLiteral("side_panel");
const QString kTable = QStringLiteral("public.side_gui");
constexpr int kRestoreMs = 90000; // a few seconds here; three times it stays under the watchdog

double serverEpoch(const QString &sql)
{
    return PgTestServer::column(QStringLiteral("SELECT extract(epoch FROM %1)").arg(sql)).value(0).toDouble();
}
QString liveRows()
{
    return PgTestServer::column(QStringLiteral("SELECT string_agg(n::text, ',' ORDER BY n) FROM side_gui")).value(0);
}
} // namespace

class TestPgSideInstances : public QObject {
    Q_OBJECT
    PgStanza m_stanza{QStringLiteral("dbops_sidegui")};
    std::unique_ptr<MainWindow> m_window;
    QDateTime m_moment;

    QString sideDir() const { return m_stanza.path(QStringLiteral("side")); }
    SideInstanceSection *section() const { return m_window->backupsPanel()->sideInstances(); }
    template <class T>
    T *child(const QString &name) const
    {
        return m_window->findChild<T *>(name);
    }
    void click(const QString &button) const { QTest::mouseClick(child<QPushButton>(button), Qt::LeftButton); }
    void shoot(QWidget *w, const QString &name) const
    {
        const QString shots = qEnvironmentVariable("DBOPS_SHOTS");
        if (!shots.isEmpty())
            QVERIFY(w->grab().save(shots + QLatin1Char('/') + name));
    }
    // The tab and the compare window beside it, one picture.
    void shootTogether(QWidget *panel, QWidget *window, const QString &name) const
    {
        const QString shots = qEnvironmentVariable("DBOPS_SHOTS");
        if (shots.isEmpty())
            return;
        const QPixmap a = panel->grab(), b = window->grab();
        QImage both(qMax(a.width(), b.width() + 40), a.height() + b.height() / 2 + 40, QImage::Format_RGB32);
        both.fill(Qt::gray);
        QPainter p(&both);
        p.drawPixmap(0, 0, a);
        p.drawPixmap(40, a.height() - b.height() / 2 + 40, b);
        p.end();
        QVERIFY(both.save(shots + QLatin1Char('/') + name));
    }
    // Rows 1 and 2 committed, then the first whole second of the server's clock after row 2 (the moment), then
    // row 3 once the clock is past it.
    bool writeAroundAMoment()
    {
        if (!PgTestServer::exec({QStringLiteral("DROP TABLE IF EXISTS side_gui"),
                                 QStringLiteral("CREATE TABLE side_gui (n int PRIMARY KEY, at timestamptz NOT NULL "
                                                "DEFAULT clock_timestamp())"),
                                 QStringLiteral("INSERT INTO side_gui (n) VALUES (1)"),
                                 QStringLiteral("INSERT INTO side_gui (n) VALUES (2)")}))
            return false;
        const double second = std::floor(serverEpoch(QStringLiteral("(SELECT max(at) FROM side_gui)"))) + 1;
        m_moment = QDateTime::fromSecsSinceEpoch(qint64(second), QTimeZone::utc());
        while (serverEpoch(QStringLiteral("clock_timestamp()")) < second + 0.3)
            QThread::msleep(100);
        return PgTestServer::exec({QStringLiteral("INSERT INTO side_gui (n) VALUES (3)")});
    }
    void openWindow()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1280, 800);
        m_window->show();
        const auto profile = ProfileStore().find(kProfile);
        QVERIFY(profile);
        m_window->openTarget(profile->target);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->target().isPostgres(), 15000);
        child<QTabWidget>(QStringLiteral("panelTabs"))->setCurrentWidget(m_window->backupsPanel());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->backupsPanel()->timeline()->hasPitrWindow(), 60000);
        QTRY_VERIFY(section()->isVisible());
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(m_stanza.setUpWithFullBackup()); // XDG folders and PGPASSFILE (any port) of this process too
        Logging::setup(Logging::Mode::Gui);
        QThread::msleep(1100); // pgBackRest restores to moments from the second after the backup's end
        QVERIFY(writeAroundAMoment());
        // What was committed after the moment is in the repository too: the window reaches past it.
        QVERIFY(PgStanza::archiveNow());
        ProfileStore profiles;
        Profile profile;
        profile.name = kProfile;
        profile.target = PgTestServer::target();
        QVERIFY(!profiles.save(profile));
        QSettings(profiles.file(), QSettings::IniFormat)
            .setValue(kProfile + QStringLiteral("/pgbackrest_config"), m_stanza.configFile());
        openWindow();
    }
    void cleanupTestCase()
    {
        m_window.reset();
        if (QFileInfo::exists(sideDir()))
            SideStop::run(sideDir());
        PgTestServer::exec({QStringLiteral("DROP TABLE IF EXISTS side_gui")});
        QVERIFY(PgArchive::restore());
    }

    void aClickInTheWindowOpensTheRestoreDialog()
    {
        const BackupTimeline *timeline = m_window->backupsPanel()->timeline();
        timeline->plot()->replot();
        const QPoint at = timeline->pitrWindowPointOf(m_moment);
        QVERIFY(at.x() >= 0);
        QTest::mouseClick(timeline->plot(), Qt::LeftButton, {}, at);
        QTRY_VERIFY(section()->restoreDialog());
        QCOMPARE(section()->restoreDialog()->request().moment, timeline->pitrMomentAt(at));
        section()->restoreDialog()->reject();
        QTRY_VERIFY(!section()->restoreDialog());
    }

    void restoreThroughTheDialogListsTheSideInstance()
    {
        click(QStringLiteral("sideRestore"));
        QTRY_VERIFY(section()->restoreDialog());
        SideRestoreDialog *d = section()->restoreDialog();
        d->findChild<QDateTimeEdit *>(QStringLiteral("sideMoment"))->setDateTime(m_moment.toLocalTime());
        auto *dir = d->findChild<QLineEdit *>(QStringLiteral("sideDirectory"));
        dir->selectAll();
        QTest::keyClicks(dir, sideDir());
        QTRY_VERIFY2(d->canRestore(), qPrintable(d->problems()));
        const int port = d->request().port;
        shoot(d, QStringLiteral("side-instance-dialog.png"));
        QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("sideRestoreButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!section()->busy(), kRestoreMs);
        QVERIFY2(section()->sideCount() == 1, qPrintable(child<ErrorBanner>(QStringLiteral("sideBanner"))->text()));
        QCOMPARE(section()->selectedSide(), sideDir());
        const Target t = PgTestServer::target();
        const QString uri = QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(t.pg.user).arg(port).arg(t.pg.dbname);
        QVERIFY2(section()->resultText().contains(uri), qPrintable(section()->resultText()));
        // The side instance holds what was committed by the moment, to the second: rows 1 and 2.
        Target side = t;
        side.pg.host = QStringLiteral("127.0.0.1");
        side.pg.port = port;
        ScopedConnection c(side, SessionOptions::monitor(), QStringLiteral("side"));
        QVERIFY2(c.ok(), qPrintable(c.error().oneLine()));
        QSqlQuery q(c.db());
        QVERIFY(q.exec(QStringLiteral("SELECT string_agg(n::text, ',' ORDER BY n) FROM side_gui")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("1,2"));
    }

    void compareShowsTheTableWithDifferentRowCounts()
    {
        click(QStringLiteral("sideCompareButton"));
        const TableCompareModel *m = section()->compareModel();
        QTRY_VERIFY_WITH_TIMEOUT(m->rowOf(kTable) >= 0 && !section()->busy(), 60000);
        const int row = m->rowOf(kTable);
        QCOMPARE(m->index(row, TableCompareModel::RowsLiveColumn).data().toString(), QStringLiteral("3"));
        QCOMPARE(m->index(row, TableCompareModel::RowsSideColumn).data().toString(), QStringLiteral("2"));
        QCOMPARE(m->index(row, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Warning));
        QVERIFY(child<QTableView>(QStringLiteral("sideCompare"))->isVisible());
    }

    void copyBackIsOffInIncidentMode()
    {
        QVERIFY(TableViews::selectKey(child<QTableView>(QStringLiteral("sideCompare")), kTable));
        QVERIFY(child<QPushButton>(QStringLiteral("sideCopyBack"))->isEnabled());
        shootTogether(m_window->backupsPanel(), section()->compareWindow(), QStringLiteral("side-instance.png"));
        m_window->backupsPanel()->setReadOnly(true);
        QVERIFY(!child<QPushButton>(QStringLiteral("sideCopyBack"))->isEnabled());
        section()->copyBackSelected();
        QVERIFY(!section()->confirmDialog());
        m_window->backupsPanel()->setReadOnly(false);
    }

    void copyBackMakesTheLiveTableTheSideOnes()
    {
        QVERIFY(TableViews::selectKey(child<QTableView>(QStringLiteral("sideCompare")), kTable));
        click(QStringLiteral("sideCopyBack"));
        QTRY_VERIFY(section()->confirmDialog());
        ConfirmDialog *confirm = section()->confirmDialog();
        QVERIFY(!confirm->confirmButton()->isEnabled());
        QTest::keyClicks(confirm->input(), kTable);
        QVERIFY(confirm->confirmButton()->isEnabled());
        QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(liveRows(), QStringLiteral("1,2"), 30000);
        // The compare runs again by itself and shows the table the same on both sides.
        const TableCompareModel *m = section()->compareModel();
        QTRY_VERIFY_WITH_TIMEOUT(!section()->busy() && m->rowOf(kTable) >= 0 &&
                                     m->index(m->rowOf(kTable), TableCompareModel::RowsLiveColumn).data() ==
                                         QStringLiteral("2"),
                                 30000);
        QCOMPARE(m->index(m->rowOf(kTable), 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Normal));
    }

    void copyBackIsAudited()
    {
        const auto records = AuditLog().recent();
        QVERIFY(records);
        bool found = false;
        for (const AuditRecord &r : records.value())
            found |= r.action == QLatin1String("copy-back") && r.outcome == QLatin1String("ok") &&
                     r.parameters.contains(QStringLiteral("table=") + kTable);
        QVERIFY(found);
    }

    void aNewConsoleListsTheSideInstance()
    {
        m_window.reset(); // the console closed; the side instance runs on
        openWindow();
        QTRY_COMPARE_WITH_TIMEOUT(section()->sideCount(), 1, 15000);
        QVERIFY(TableViews::selectKey(child<QTableView>(QStringLiteral("sideList")), sideDir()));
        QVERIFY(section()->selectedSide() == sideDir());
    }

    void stopRemovesTheSideInstance()
    {
        QVERIFY(TableViews::selectKey(child<QTableView>(QStringLiteral("sideList")), sideDir()));
        click(QStringLiteral("sideStop"));
        QTRY_VERIFY(section()->confirmDialog());
        ConfirmDialog *confirm = section()->confirmDialog();
        QTest::keyClicks(confirm->input(), QStringLiteral("side"));
        QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(sideDir()), 60000);
        QTRY_COMPARE(section()->sideCount(), 0);
    }
};

QTEST_MAIN(TestPgSideInstances)
#include "tst_pg_sideinstances.moc"
