// The archive and replication findings judged from values: which state gives which finding, at which severity.
#include "schema/pgreplication.h"

#include <QtTest>

using namespace dbops;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 12, 4), QTime(12, 0), Qt::UTC);

PgReplicationState archiving()
{
    PgReplicationState s;
    s.archive.mode = QStringLiteral("on");
    s.archive.lastArchivedAt = kNow.addSecs(-10);
    s.archive.lastArchivedAgeS = 10;
    s.archive.pendingSegments = 0;
    return s;
}

QStringList findings(const PgReplicationState &s)
{
    HealthReport r;
    PgReplication::judge(s, r);
    QStringList out;
    for (const HealthFinding &f : r.findings)
        out << HealthFinding::severityName(f.severity) + QLatin1Char(' ') + f.code;
    return out;
}

} // namespace

class TestPgReplicationRules : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void healthyServerHasNoFinding() { QCOMPARE(findings(archiving()), QStringList()); }

    void archiveFindings_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("failedAgoS"); // -1: never failed
        QTest::addColumn<int>("archivedAgoS");
        QTest::addColumn<int>("pending");
        QTest::addColumn<QStringList>("expected");
        const QStringList none;
        QTest::newRow("last attempt failed") << "on" << 5 << 600 << 3 << QStringList{"critical archive_failing"};
        QTest::newRow("failed before the last success") << "on" << 600 << 5 << 0 << none;
        QTest::newRow("segments waiting long") << "on" << -1 << 900 << 2 << QStringList{"warn archive_lagging"};
        QTest::newRow("segments waiting briefly") << "on" << -1 << 30 << 2 << none;
        QTest::newRow("old but nothing waits") << "on" << -1 << 86400 << 0 << none;
        QTest::newRow("archiving off") << "off" << 5 << 600 << 3 << none;
    }
    void archiveFindings()
    {
        QFETCH(QString, mode);
        QFETCH(int, failedAgoS);
        QFETCH(int, archivedAgoS);
        QFETCH(int, pending);
        QFETCH(QStringList, expected);
        PgReplicationState s = archiving();
        s.archive.mode = mode;
        if (failedAgoS >= 0) {
            s.archive.lastFailedAt = kNow.addSecs(-failedAgoS);
            s.archive.failedCount = 4;
        }
        s.archive.lastArchivedAt = kNow.addSecs(-archivedAgoS);
        s.archive.lastArchivedAgeS = archivedAgoS;
        s.archive.pendingSegments = pending;
        QCOMPARE(findings(s), expected);
    }

    void slotFindings_data()
    {
        QTest::addColumn<bool>("active");
        QTest::addColumn<qint64>("retained");
        QTest::addColumn<QString>("walStatus");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("inactive, retaining")
            << false << qint64(48 << 20) << "reserved" << QStringList{"warn inactive_replication_slot"};
        QTest::newRow("inactive, retaining a lot")
            << false << (qint64(9) << 30) << "extended" << QStringList{"critical inactive_replication_slot"};
        QTest::newRow("inactive, WAL lost")
            << false << qint64(1024) << "lost" << QStringList{"critical inactive_replication_slot"};
        QTest::newRow("active") << true << qint64(48 << 20) << "reserved" << QStringList();
        QTest::newRow("inactive, reserving nothing") << false << qint64(-1) << "" << QStringList();
    }
    void slotFindings()
    {
        QFETCH(bool, active);
        QFETCH(qint64, retained);
        QFETCH(QString, walStatus);
        QFETCH(QStringList, expected);
        PgReplicationState s = archiving();
        s.replicationSlots << PgSlotState{
            QStringLiteral("replica_a"), QStringLiteral("physical"), {}, active, walStatus, retained};
        QCOMPARE(findings(s), expected);
    }

    void standbyFindings_data()
    {
        QTest::addColumn<qint64>("lagBytes");
        QTest::addColumn<double>("lagS");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("far behind in time") << qint64(1024) << 120.0 << QStringList{"warn standby_lagging"};
        QTest::newRow("far behind in WAL") << (qint64(100) << 20) << -1.0 << QStringList{"warn standby_lagging"};
        QTest::newRow("caught up") << qint64(0) << -1.0 << QStringList();
        QTest::newRow("a little behind") << qint64(4096) << 0.5 << QStringList();
    }
    void standbyFindings()
    {
        QFETCH(qint64, lagBytes);
        QFETCH(double, lagS);
        QFETCH(QStringList, expected);
        PgReplicationState s = archiving();
        s.standbys << PgStandbyState{QStringLiteral("replica_a"),
                                     QStringLiteral("10.0.0.2"),
                                     QStringLiteral("streaming"),
                                     QStringLiteral("async"),
                                     lagBytes,
                                     lagBytes,
                                     lagS};
        QCOMPARE(findings(s), expected);
    }

    void standbyJudgesItsOwnReplayLag()
    {
        PgReplicationState s = archiving();
        s.inRecovery = true;
        s.ownReplayLagS = 300;
        QCOMPARE(findings(s), QStringList{QStringLiteral("warn standby_lagging")});
    }

    void factsCarryArchiveStandbysAndSlots()
    {
        PgReplicationState s = archiving();
        s.replicationSlots << PgSlotState{QStringLiteral("replica_a"), QStringLiteral("physical"), {}, true, {}, 10};
        HealthReport r;
        PgReplication::judge(s, r);
        QCOMPARE(r.facts.value(QStringLiteral("archive")).toObject().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("on"));
        QCOMPARE(r.facts.value(QStringLiteral("replication_slots")).toArray().size(), 1);
        QVERIFY(r.facts.value(QStringLiteral("standbys")).isArray());
        QVERIFY(!r.facts.contains(QStringLiteral("standby")));
    }

    void reportKeepsTheStateItJudged()
    {
        PgReplicationState s = archiving();
        s.replicationSlots << PgSlotState{QStringLiteral("replica_a"), QStringLiteral("physical"), {}, false, {}, 10};
        HealthReport r;
        PgReplication::judge(s, r);
        QVERIFY(r.replication); // the console's Replication section shows it without reading the facts back
        QCOMPARE(r.replication->archive.mode, QStringLiteral("on"));
        QCOMPARE(r.replication->replicationSlots.size(), 1);
        QCOMPARE(r.replication->replicationSlots.first().severity(), FindingSeverity::Warn);
    }

    void segmentsBetween_data()
    {
        QTest::addColumn<QString>("last");
        QTest::addColumn<QString>("current");
        QTest::addColumn<qint64>("segments");
        QTest::newRow("next is being written") << "000000010000000000000005"
                                               << "000000010000000000000006" << qint64(0);
        QTest::newRow("three wait") << "000000010000000000000005"
                                    << "000000010000000000000009" << qint64(3);
        QTest::newRow("across a log boundary") << "0000000100000000000000FF"
                                               << "000000010000000100000001" << qint64(1);
        QTest::newRow("backup label file") << "000000010000000000000005.00000028.backup"
                                           << "000000010000000000000007" << qint64(1);
        QTest::newRow("never archived") << ""
                                        << "000000010000000000000007" << qint64(-1);
        QTest::newRow("standby: no current") << "000000010000000000000005"
                                             << "" << qint64(-1);
    }
    void segmentsBetween()
    {
        QFETCH(QString, last);
        QFETCH(QString, current);
        QFETCH(qint64, segments);
        QCOMPARE(PgReplication::segmentsBetween(last, current, 16 << 20), segments);
    }
};

QTEST_GUILESS_MAIN(TestPgReplicationRules)
#include "tst_pgreplicationrules.moc"
