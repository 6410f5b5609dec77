// The Health tab's Replication section on the real PostgreSQL 15 test server: an inactive slot keeping WAL is
// listed and highlighted with what to do, a real streaming client (pg_receivewal) is listed as a standby, a
// failing archive_command shows archiving as failing, and a SQLite target has no such section. Runs alone
// (RUN_SERIAL): the slot and the archive_command are the server's as a whole.
#include "item/itemroles.h"
#include "item/replicationmodel.h"
#include "panels/healthpanel.h"
#include "panels/replicationsection.h"
#include "pgarchive.h"
#include "pgtestserver.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::ArchiverState;
using dbops::test::PgArchive;
using dbops::test::PgTestServer;
using dbops::test::SqliteFixture;

namespace {

const QString kSlot = QStringLiteral("dbops_test_section_slot");
const QString kReceiver = QStringLiteral("pg_receivewal"); // its application_name

// Runs a scan in `panel`; false when no report came.
bool scan(HealthPanel &panel)
{
    QSignalSpy loaded(&panel, &HealthPanel::reportLoaded);
    panel.refresh();
    return QTest::qWaitFor([&] { return loaded.count() == 1; }, 30000);
}

// The view row (sorted as shown) whose first column reads `name`; -1 when there is none.
int rowNamed(const QTableView *view, const QString &name)
{
    for (int r = 0; r < view->model()->rowCount(); ++r)
        if (view->model()->index(r, 0).data().toString() == name)
            return r;
    return -1;
}

QVariant cell(const QTableView *view, int row, int column, int role = Qt::DisplayRole)
{
    return view->model()->index(row, column).data(role);
}

QStringList streamingStates()
{
    return PgTestServer::column(
        QStringLiteral("SELECT state FROM pg_stat_replication WHERE application_name = '%1'").arg(kReceiver));
}

} // namespace

class TestPgReplicationSection : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<QProcess> m_receiver; // pg_receivewal, while a test streams WAL

    // A Health panel on the test server, shown at a laptop's size, scanned once.
    void scanned(HealthPanel &panel, DbWorker &worker)
    {
        panel.resize(1280, 800);
        panel.show();
        panel.setWorker(&worker);
        QVERIFY(scan(panel));
        QVERIFY(panel.replicationSection()->isVisible());
    }

    QTableView *view(HealthPanel &panel, const QString &name)
    {
        return panel.replicationSection()->findChild<QTableView *>(name);
    }

    void stopReceiver()
    {
        if (!m_receiver)
            return;
        m_receiver->terminate();
        if (!m_receiver->waitForFinished(10000))
            m_receiver->kill();
        m_receiver->waitForFinished(5000);
        m_receiver.reset();
    }

private Q_SLOTS:
    void initTestCase() { DBOPS_REQUIRE_PG(); }

    void cleanup()
    {
        stopReceiver();
        PgTestServer::exec(
            {QStringLiteral(
                 "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '%1'")
                 .arg(kSlot)});
        QVERIFY(PgArchive::restore());
    }

    void inactiveSlotKeepingWalIsHighlightedWithWhatToDo()
    {
        QVERIFY(
            PgTestServer::exec({QStringLiteral("SELECT pg_create_physical_replication_slot('%1', true)").arg(kSlot)}));
        QVERIFY(PgArchive::switchWal()); // WAL written after the slot's restart point: kept for it
        DbWorker worker(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        scanned(panel, worker);
        QTableView *slotList = view(panel, QStringLiteral("replicationSlots"));
        QVERIFY(slotList && slotList->isVisible());
        const int row = rowNamed(slotList, kSlot);
        QVERIFY(row >= 0);
        QCOMPARE(cell(slotList, row, ReplicationSlotsModel::TypeColumn).toString(), QStringLiteral("physical"));
        QCOMPARE(cell(slotList, row, ReplicationSlotsModel::ActiveColumn).toString(), QStringLiteral("no"));
        QVERIFY(cell(slotList, row, ReplicationSlotsModel::RetainedColumn, ItemRole::SortRole).toLongLong() > 0);
        QVERIFY(cell(slotList, row, ReplicationSlotsModel::NameColumn, ItemRole::SeverityRole).toInt() >=
                int(Severity::Warning));
        const QString tip = cell(slotList, row, ReplicationSlotsModel::RetainedColumn, Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("SELECT pg_drop_replication_slot('%1')").arg(kSlot)), qPrintable(tip));
    }

    void noStandbySaysSo()
    {
        DbWorker worker(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        scanned(panel, worker);
        auto *empty = panel.replicationSection()->findChild<QLabel *>(QStringLiteral("replicationStandbysEmpty"));
        QVERIFY(empty && empty->isVisible());
        QCOMPARE(empty->text(), QStringLiteral("No standby is connected."));
        QVERIFY(!view(panel, QStringLiteral("replicationStandbys"))->isVisible());
    }

    void streamingClientIsListedAsStandby()
    {
        const QString walDir = m_tmp.filePath(QStringLiteral("receivewal"));
        QVERIFY(QDir().mkpath(walDir));
        m_receiver = std::make_unique<QProcess>();
        m_receiver->setProcessChannelMode(QProcess::ForwardedChannels);
        // A client program: it runs as this user and logs in over TCP as the console does (PGPASSFILE).
        m_receiver->start(PgTestServer::binDir() + QStringLiteral("/pg_receivewal"),
                          {QStringLiteral("-h"), qEnvironmentVariable("DBOPS_TEST_PGHOST"), QStringLiteral("-p"),
                           qEnvironmentVariable("DBOPS_TEST_PGPORT"), QStringLiteral("-U"),
                           qEnvironmentVariable("DBOPS_TEST_PGUSER"), QStringLiteral("--no-password"),
                           QStringLiteral("--no-loop"), QStringLiteral("-D"), walDir});
        QVERIFY2(m_receiver->waitForStarted(10000), qPrintable(m_receiver->errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(streamingStates(), QStringList{QStringLiteral("streaming")}, 30000);
        DbWorker worker(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        scanned(panel, worker);
        QTableView *standbys = view(panel, QStringLiteral("replicationStandbys"));
        QVERIFY(standbys && standbys->isVisible());
        const int row = rowNamed(standbys, kReceiver);
        QVERIFY(row >= 0);
        QCOMPARE(cell(standbys, row, StandbysModel::StateColumn).toString(), QStringLiteral("streaming"));
        QCOMPARE(cell(standbys, row, StandbysModel::ClientColumn).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(cell(standbys, row, StandbysModel::NameColumn, ItemRole::SeverityRole).toInt(), int(Severity::Normal));
    }

    void failingArchiveShowsArchivingFailing()
    {
        QVERIFY(PgArchive::setCommand(QStringLiteral("/bin/false")));
        QVERIFY(PgArchive::waitFor(
            [](const ArchiverState &before, const ArchiverState &now) { return now.failed > before.failed; }));
        DbWorker worker(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        scanned(panel, worker);
        QCOMPARE(panel.replicationSection()->archiveSeverity(), Severity::Critical);
        auto *state = panel.replicationSection()->findChild<QLabel *>(QStringLiteral("replicationArchiveState"));
        QVERIFY(state && state->isVisible());
        QCOMPARE(state->text(), QStringLiteral("Archiving: failing"));
    }

    void sqliteTargetHidesTheSection()
    {
        DbWorker pg(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        scanned(panel, pg); // shown for PostgreSQL first: the SQLite scan must hide it
        const QString file = m_tmp.filePath(QStringLiteral("bot.db"));
        QVERIFY(SqliteFixture::create(file, {"CREATE TABLE trades (id INTEGER PRIMARY KEY, price REAL)"}, true));
        DbWorker sqlite(Target::sqliteFile(file), SessionOptions::monitor(), QStringLiteral("test"));
        panel.setWorker(&sqlite);
        QVERIFY(scan(panel));
        QCOMPARE(panel.report().engine, QStringLiteral("sqlite"));
        QVERIFY(!panel.replicationSection()->isVisible());
    }
};

QTEST_MAIN(TestPgReplicationSection)
#include "tst_pg_replicationsection.moc"
