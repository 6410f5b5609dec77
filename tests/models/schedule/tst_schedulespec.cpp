// The systemd units of a schedule: OnCalendar from --every, the service running the same dbops command with
// DBOPS_SCHEDULE set, the timer Persistent=true, and the files read back as they were written.
#include "schedule/schedulespec.h"

#include <QtTest>

using namespace dbops;

namespace {
ScheduleSpec backupSpec()
{
    ScheduleSpec s;
    s.name = QStringLiteral("dbops-backup-trading");
    s.job = QStringLiteral("backup");
    s.target = QStringLiteral("trading");
    s.every = QStringLiteral("1h");
    s.onCalendar = QStringLiteral("hourly");
    s.jobArgs = QStringList{QStringLiteral("--out"), QStringLiteral("/srv/backups 100%")};
    s.program = QStringLiteral("/usr/bin/dbops");
    return s;
}
} // namespace

class TestScheduleSpec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void onCalendar_data()
    {
        QTest::addColumn<QString>("every");
        QTest::addColumn<QString>("calendar"); // empty: refused
        QTest::newRow("1h") << "1h"
                            << "hourly";
        QTest::newRow("6h") << "6h"
                            << "*-*-* 0/6:00:00";
        QTest::newRow("15min") << "15min"
                               << "*-*-* *:0/15:00";
        QTest::newRow("daily") << "daily"
                               << "daily";
        QTest::newRow("1d") << "1d"
                            << "daily";
        QTest::newRow("at 03:30") << "03:30"
                                  << "*-*-* 03:30:00";
        QTest::newRow("own expression") << "Mon..Fri *-*-* 02:00:00"
                                        << "Mon..Fri *-*-* 02:00:00";
        QTest::newRow("7h does not divide a day") << "7h"
                                                  << "";
        QTest::newRow("nonsense") << "sometimes"
                                  << "";
    }
    void onCalendar()
    {
        QFETCH(QString, every);
        QFETCH(QString, calendar);
        auto c = ScheduleSpec::onCalendarFor(every);
        if (calendar.isEmpty()) {
            QVERIFY(!c);
            QCOMPARE(c.error().code, ErrorCode::Usage);
        } else {
            QVERIFY2(c, qPrintable(every));
            QCOMPARE(c.value(), calendar);
        }
    }

    void serviceRunsTheSameCommandMarkedAsScheduled()
    {
        const QString text = backupSpec().serviceText();
        QVERIFY(text.contains(QLatin1String("Type=oneshot\n")));
        QVERIFY(text.contains(QLatin1String("Environment=DBOPS_SCHEDULE=dbops-backup-trading\n")));
        QVERIFY2(text.contains(QLatin1String("ExecStart=\"/usr/bin/dbops\" \"backup\" \"--db\" \"trading\" \"--json\" "
                                             "\"--out\" \"/srv/backups 100%%\"\n")),
                 qPrintable(text));
    }

    void timerIsPersistentOnTheCalendar()
    {
        const QString text = backupSpec().timerText();
        QVERIFY(text.contains(QLatin1String("OnCalendar=hourly\n")));
        QVERIFY(text.contains(QLatin1String("Persistent=true\n")));
        QVERIFY(text.contains(QLatin1String("Unit=dbops-backup-trading.service\n")));
        QVERIFY(text.contains(QLatin1String("WantedBy=timers.target\n")));
    }

    void verifyRunsOnTheNewestBackup()
    {
        ScheduleSpec s = backupSpec();
        s.job = QStringLiteral("verify");
        s.jobArgs.clear();
        QCOMPARE(s.command(), QStringList({"/usr/bin/dbops", "verify", "--db", "trading", "--latest", "--json"}));
    }

    void serviceFileReadsBackAsWritten()
    {
        const ScheduleSpec s = backupSpec();
        auto back = ScheduleSpec::fromServiceText(s.name, s.serviceText());
        QVERIFY(back);
        QCOMPARE(back->job, s.job);
        QCOMPARE(back->target, s.target);
        QCOMPARE(back->every, s.every);
        QCOMPARE(back->onCalendar, s.onCalendar);
        QCOMPARE(back->jobArgs, s.jobArgs);
    }

    void aForeignUnitIsNotASchedule()
    {
        QVERIFY(
            !ScheduleSpec::fromServiceText(QStringLiteral("cron"), QStringLiteral("[Service]\nExecStart=/bin/true\n")));
    }
};

QTEST_GUILESS_MAIN(TestScheduleSpec)
#include "tst_schedulespec.moc"
