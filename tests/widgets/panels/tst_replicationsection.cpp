// The Health tab's Replication section from report values (what a PostgreSQL scan carries in
// HealthReport::replication): a standby's own replay lag, a lagging standby, archiving off, and a state that
// could not be read. The real server's slots, standbys and failing archive: tst_pg_replicationsection.
#include "item/itemroles.h"
#include "item/replicationmodel.h"
#include "panels/replicationsection.h"
#include "schema/pgreplication.h"

#include <QLabel>
#include <QTableView>
#include <QtTest>

using namespace dbops;

namespace {

HealthReport reportOf(const PgReplicationState &state)
{
    HealthReport report;
    report.engine = QStringLiteral("postgresql");
    PgReplication::judge(state, report);
    return report;
}

PgReplicationState archivingOn()
{
    PgReplicationState s;
    s.archive.mode = QStringLiteral("on");
    s.archive.lastArchivedWal = QStringLiteral("000000010000000000000007");
    s.archive.lastArchivedAt = QDateTime::currentDateTimeUtc().addSecs(-12);
    s.archive.lastArchivedAgeS = 12;
    s.archive.pendingSegments = 0;
    return s;
}

QLabel *label(const ReplicationSection &section, const char *name)
{
    return section.findChild<QLabel *>(QLatin1String(name));
}

} // namespace

class TestReplicationSection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void healthyArchiveSaysOkWithLastWalAndAge()
    {
        ReplicationSection section;
        section.setReport(reportOf(archivingOn()));
        section.show();
        QCOMPARE(section.archiveSeverity(), Severity::Good);
        QCOMPARE(label(section, "replicationArchiveState")->text(), QStringLiteral("Archiving: ok"));
        const QString details = label(section, "replicationArchive")->text();
        QVERIFY2(details.contains(QStringLiteral("last archived 000000010000000000000007, 12 s ago")),
                 qPrintable(details));
    }

    void standbyShowsItsOwnReplayLag()
    {
        PgReplicationState s = archivingOn();
        s.inRecovery = true;
        s.ownReplayLagBytes = 3LL << 20;
        s.ownReplayLagS = 90;
        ReplicationSection section;
        section.setReport(reportOf(s));
        section.show();
        QLabel *self = label(section, "replicationSelf");
        QVERIFY(self->isVisible());
        QVERIFY2(self->text().contains(QStringLiteral("3.0 MiB of WAL")), qPrintable(self->text()));
    }

    void primaryHasNoOwnReplayLagLine()
    {
        ReplicationSection section;
        section.setReport(reportOf(archivingOn()));
        section.show();
        QVERIFY(!label(section, "replicationSelf")->isVisible());
    }

    void laggingStandbyRowIsAWarning()
    {
        PgReplicationState s = archivingOn();
        s.standbys << PgStandbyState{QStringLiteral("replica_a"),
                                     QStringLiteral("10.0.0.2"),
                                     QStringLiteral("streaming"),
                                     QStringLiteral("async"),
                                     100LL << 20,
                                     100LL << 20,
                                     2.5}
                   << PgStandbyState{QStringLiteral("replica_b"),
                                     QStringLiteral("10.0.0.3"),
                                     QStringLiteral("streaming"),
                                     QStringLiteral("async"),
                                     4096,
                                     4096,
                                     0.1};
        ReplicationSection section;
        section.setReport(reportOf(s));
        const QAbstractItemModel *m = section.findChild<QTableView *>(QStringLiteral("replicationStandbys"))->model();
        QCOMPARE(m->rowCount(), 2);
        QCOMPARE(m->index(0, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Warning));
        QCOMPARE(m->index(1, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Normal));
        QCOMPARE(m->index(0, StandbysModel::ReplayLagColumn).data().toString(), QStringLiteral("100 MiB"));
    }

    // Both lists whole: side by side when the width allows it, else one above the other (never a column cut).
    void listsStackWhenTheyDoNotFitSideBySide_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("sideBySide");
        QTest::newRow("wide") << 1800 << true;
        QTest::newRow("narrow") << 700 << false;
    }
    void listsStackWhenTheyDoNotFitSideBySide()
    {
        QFETCH(int, width);
        QFETCH(bool, sideBySide);
        PgReplicationState s = archivingOn();
        s.standbys << PgStandbyState{QStringLiteral("walreceiver"),
                                     QStringLiteral("10.0.0.2"),
                                     QStringLiteral("streaming"),
                                     QStringLiteral("async"),
                                     0,
                                     0,
                                     0.2};
        s.replicationSlots << PgSlotState{QStringLiteral("replica_slot_with_a_long_name"),
                                          QStringLiteral("physical"),
                                          {},
                                          true,
                                          QStringLiteral("reserved"),
                                          4096};
        ReplicationSection section;
        section.resize(width, 400);
        section.setReport(reportOf(s));
        section.show();
        QVERIFY(QTest::qWaitForWindowExposed(&section));
        const auto *standbys = section.findChild<QTableView *>(QStringLiteral("replicationStandbys"));
        const auto *slotList = section.findChild<QTableView *>(QStringLiteral("replicationSlots"));
        const int standbysTop = standbys->mapTo(&section, QPoint(0, 0)).y();
        const int slotsTop = slotList->mapTo(&section, QPoint(0, 0)).y();
        QCOMPARE(standbysTop == slotsTop, sideBySide);
    }

    void unreadableStateSaysWhy()
    {
        HealthReport report;
        report.engine = QStringLiteral("postgresql");
        report.facts.insert(QStringLiteral("replication_error"),
                            QStringLiteral("permission denied for pg_stat_archiver"));
        ReplicationSection section;
        section.setReport(report);
        section.show();
        QVERIFY(section.isVisible());
        QVERIFY(label(section, "replicationError")->isVisible());
        QVERIFY(label(section, "replicationError")->text().contains(QStringLiteral("permission denied")));
        QVERIFY(!label(section, "replicationArchiveState")->isVisible());
    }
};

QTEST_MAIN(TestReplicationSection)
#include "tst_replicationsection.moc"
