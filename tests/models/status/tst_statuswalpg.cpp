// The status board's PostgreSQL `wal` row judged from the figures a server gives: requested checkpoints warn
// only over a statistics window long enough to mean the write rate (CREATE DATABASE and backups count as
// requested too), and WAL archiving that fails is critical.
#include "status/statusrules.h"

#include <QtTest>

using namespace dbops;

Q_DECLARE_METATYPE(dbops::CheckState)

class TestStatusWalPg : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void judgesCheckpointsAndArchiving_data()
    {
        QTest::addColumn<qint64>("timed");
        QTest::addColumn<qint64>("requested");
        QTest::addColumn<qint64>("windowS");
        QTest::addColumn<bool>("archiveFailing");
        QTest::addColumn<CheckState>("state");
        QTest::addColumn<QString>("reason");
        QTest::newRow("a fresh server where databases were created")
            << qint64(0) << qint64(12) << qint64(600) << false << CheckState::Ok << "12 requested";
        QTest::newRow("a day of requested checkpoints outnumbering the timer")
            << qint64(40) << qint64(200) << qint64(86400) << false << CheckState::Warning << "raise max_wal_size";
        QTest::newRow("a day of mostly timed checkpoints")
            << qint64(280) << qint64(8) << qint64(86400) << false << CheckState::Ok << "288 checkpoints";
        QTest::newRow("archiving failing") << qint64(280) << qint64(8) << qint64(86400) << true << CheckState::Critical
                                           << "WAL archiving failing since";
    }
    void judgesCheckpointsAndArchiving()
    {
        QFETCH(qint64, timed);
        QFETCH(qint64, requested);
        QFETCH(qint64, windowS);
        QFETCH(bool, archiveFailing);
        QFETCH(CheckState, state);
        QFETCH(QString, reason);
        PgWalFacts f;
        f.checkpointsTimed = timed;
        f.checkpointsRequested = requested;
        f.statsWindowS = windowS;
        f.archive.mode = QStringLiteral("on");
        const QDateTime now = QDateTime::currentDateTimeUtc();
        f.archive.lastArchivedAt = now.addSecs(-600);
        if (archiveFailing) {
            f.archive.lastFailedAt = now.addSecs(-60);
            f.archive.failedCount = 3;
        }
        const StatusCheck c = StatusRules::walPg(f);
        QVERIFY2(c.reason.contains(reason), qPrintable(c.reason));
        QCOMPARE(c.state, state);
    }

    // The board's row and Health's archive_failing finding judge the same archiver by one rule: a failure after a
    // success, a success after a failure, failures with no success ever, and archiving off.
    void agreesWithTheHealthFinding_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("archivedAgoS"); // -1: never
        QTest::addColumn<int>("failedAgoS");   // -1: never
        QTest::newRow("failed after the last success") << "on" << 600 << 60;
        QTest::newRow("succeeded after the last failure") << "on" << 60 << 600;
        QTest::newRow("failing, never archived") << "always" << -1 << 30;
        QTest::newRow("off, old failures") << "off" << 600 << 60;
    }
    void agreesWithTheHealthFinding()
    {
        QFETCH(QString, mode);
        QFETCH(int, archivedAgoS);
        QFETCH(int, failedAgoS);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        PgReplicationState r;
        r.archive.mode = mode;
        r.archive.failedCount = failedAgoS < 0 ? 0 : 2;
        r.archive.lastArchivedAt = archivedAgoS < 0 ? QDateTime() : now.addSecs(-archivedAgoS);
        r.archive.lastFailedAt = failedAgoS < 0 ? QDateTime() : now.addSecs(-failedAgoS);
        HealthReport health;
        PgReplication::judge(r, health);
        bool healthSaysFailing = false;
        for (const HealthFinding &finding : health.findings)
            healthSaysFailing |= finding.code == QLatin1String("archive_failing");
        PgWalFacts f;
        f.archive = r.archive;
        QCOMPARE(StatusRules::walPg(f).state == CheckState::Critical, healthSaysFailing);
    }
};

QTEST_GUILESS_MAIN(TestStatusWalPg)
#include "tst_statuswalpg.moc"
