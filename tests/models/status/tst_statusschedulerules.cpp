// The status board's `schedules` row: a schedule whose last run failed, or that missed its run (no run within its
// period + its last duration + the grace), is critical; one that ended with a warning is a warning; on time is ok;
// none at all is not set up.
#include "status/statusschedulerules.h"

#include <QtTest>

using namespace dbops;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 12, 4), QTime(12, 0), Qt::UTC);

ScheduleFact hourly(qint64 lastRunAgoS, const QString &result)
{
    ScheduleFact f;
    f.name = QStringLiteral("dbops-backup-trading");
    f.job = QStringLiteral("backup");
    f.periodS = 3600;
    f.since = kNow.addDays(-30);
    if (lastRunAgoS >= 0)
        f.lastRun = kNow.addSecs(-lastRunAgoS);
    f.lastResult = result;
    f.lastDurationS = 20;
    return f;
}

} // namespace

class TestStatusScheduleRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void judgesEachSchedule_data()
    {
        QTest::addColumn<qint64>("lastRunAgoS");
        QTest::addColumn<QString>("result");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<int>("expected");
        const int ok = int(CheckState::Ok), warning = int(CheckState::Warning), critical = int(CheckState::Critical);
        QTest::newRow("ran on time") << qint64(600) << QStringLiteral("ok") << true << ok;
        QTest::newRow("last run failed") << qint64(600) << QStringLiteral("failed") << true << critical;
        QTest::newRow("ended with a warning") << qint64(600) << QStringLiteral("warning") << true << warning;
        // period 3600 + duration 20 + grace 60 = 3680 s
        QTest::newRow("within period and grace") << qint64(3670) << QStringLiteral("ok") << true << ok;
        QTest::newRow("missed its run") << qint64(3690) << QStringLiteral("ok") << true << critical;
        QTest::newRow("never ran since written long ago") << qint64(-1) << QString() << true << critical;
        QTest::newRow("disabled timer") << qint64(9000) << QStringLiteral("failed") << false << ok;
        QTest::newRow("running now") << qint64(9000) << QStringLiteral("running") << true << ok;
    }
    void judgesEachSchedule()
    {
        QFETCH(qint64, lastRunAgoS);
        QFETCH(QString, result);
        QFETCH(bool, enabled);
        QFETCH(int, expected);
        ScheduleFact f = hourly(lastRunAgoS, result);
        f.enabled = enabled;
        const StatusCheck c = StatusScheduleRules::schedules({f}, kNow, 60);
        QCOMPARE(c.name, QStringLiteral("schedules"));
        QCOMPARE(int(c.state), expected);
        if (expected != int(CheckState::Ok))
            QVERIFY2(c.reason.contains(f.name), qPrintable(c.reason));
    }

    void noScheduleIsNotSetUp() { QCOMPARE(StatusScheduleRules::schedules({}, kNow, 60).state, CheckState::Neutral); }

    void worstScheduleSpeaksForAll()
    {
        const StatusCheck c = StatusScheduleRules::schedules(
            {hourly(600, QStringLiteral("warning")), hourly(600, QStringLiteral("failed"))}, kNow, 60);
        QCOMPARE(c.state, CheckState::Critical);
        QCOMPARE(c.value.toInt(), 2);
    }

    void periodOfEvery_data()
    {
        QTest::addColumn<QString>("every");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("1min") << QStringLiteral("1min") << qint64(60);
        QTest::newRow("15min") << QStringLiteral("15min") << qint64(900);
        QTest::newRow("1h") << QStringLiteral("1h") << qint64(3600);
        QTest::newRow("6h") << QStringLiteral("6h") << qint64(6 * 3600);
        QTest::newRow("daily") << QStringLiteral("daily") << qint64(86400);
        QTest::newRow("03:30") << QStringLiteral("03:30") << qint64(86400);
        QTest::newRow("weekly") << QStringLiteral("weekly") << qint64(7 * 86400);
        QTest::newRow("expression") << QStringLiteral("Mon..Fri *-*-* 02:00:00") << qint64(-1);
    }
    void periodOfEvery()
    {
        QFETCH(QString, every);
        QFETCH(qint64, seconds);
        QCOMPARE(StatusScheduleRules::periodSeconds(every), seconds);
    }
};

QTEST_GUILESS_MAIN(TestStatusScheduleRules)
#include "tst_statusschedulerules.moc"
