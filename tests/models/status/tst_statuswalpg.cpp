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
};

QTEST_GUILESS_MAIN(TestStatusWalPg)
#include "tst_statuswalpg.moc"
