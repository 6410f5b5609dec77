// `dbops schedule add|list|remove` with a temporary XDG_CONFIG_HOME and no systemd (DBOPS_SYSTEMCTL names no
// program): the unit files, no password in them, the list/remove round trip, and a scheduled run that skips
// while the same job runs on the same store.
#include "clirunner.h"
#include "connection/target.h"
#include "ops/backupnaming.h"
#include "schedule/joblock.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestCliSchedule : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_db;

    CliResult schedule(const QStringList &args)
    {
        return CliRunner::run(QStringList{QStringLiteral("schedule")} + args + QStringList{QStringLiteral("--json")},
                              m_env);
    }
    QString unitDir() const { return m_dir.filePath(QStringLiteral("config/systemd/user")); }
    QJsonObject listed(const QString &name)
    {
        for (const QJsonValue &v :
             schedule({QStringLiteral("list")}).json().value(QLatin1String("schedules")).toArray())
            if (v.toObject().value(QLatin1String("name")).toString() == name)
                return v.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = CliRunner::cleanEnvironment();
        for (const char *xdg : {"CONFIG", "DATA", "STATE"}) {
            const QString dir = m_dir.filePath(QString::fromLatin1(xdg).toLower());
            m_env.insert(QStringLiteral("XDG_%1_HOME").arg(QLatin1String(xdg)), dir);
            qputenv(QStringLiteral("XDG_%1_HOME").arg(QLatin1String(xdg)).toUtf8().constData(), dir.toUtf8());
        }
        m_env.insert(QStringLiteral("DBOPS_SYSTEMCTL"), m_dir.filePath(QStringLiteral("no-systemctl")));
        m_db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 50));
    }

    void addWritesAServiceAndAPersistentTimer()
    {
        const CliResult r = schedule({QStringLiteral("add"), QStringLiteral("--db"), m_db, QStringLiteral("--job"),
                                      QStringLiteral("drill"), QStringLiteral("--every"), QStringLiteral("daily"),
                                      QStringLiteral("--name"), QStringLiteral("drill-daily")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value(QLatin1String("enabled")).toBool(), false);
        QVERIFY(
            r.json().value(QLatin1String("systemd_note")).toString().startsWith(QLatin1String("systemd not running")));
        QFile service(unitDir() + QStringLiteral("/drill-daily.service"));
        QVERIFY(service.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(service.readAll());
        QVERIFY2(text.contains(QStringLiteral("\"drill\" \"--db\" \"%1\" \"--json\"").arg(m_db)), qPrintable(text));
        QFile timer(unitDir() + QStringLiteral("/drill-daily.timer"));
        QVERIFY(timer.open(QIODevice::ReadOnly));
        const QByteArray timerText = timer.readAll();
        QVERIFY(timerText.contains("OnCalendar=daily\n"));
        QVERIFY(timerText.contains("Persistent=true\n"));
    }

    // What would make every run of the timer fail, or leak a secret into its unit, is refused when it is added:
    // exit 3, one line, no unit written.
    void addRefusesWhatCannotWork_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("missing store") << QStringList{"--db", "MISSING", "--job", "backup", "--every", "1h"}
                                       << "no such file";
        QTest::newRow("hour 99") << QStringList{"--db", "STORE", "--job", "backup", "--every", "Mon *-*-* 99:00"}
                                 << "not a schedule";
        QTest::newRow("webhook on the command line")
            << QStringList{"--db", "STORE", "--job", "watch", "--every", "1min", "--", "--webhook", "http://x/y?t=1"}
            << "alert_webhook";
    }

    void addRefusesWhatCannotWork()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        args.replaceInStrings(QStringLiteral("MISSING"), m_dir.filePath(QStringLiteral("missing.db")));
        args.replaceInStrings(QStringLiteral("STORE"), m_db);
        const QStringList before = QDir(unitDir()).entryList(QDir::Files);
        const CliResult r = schedule(
            QStringList{QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("refused-one")} + args);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(says), r.err.constData());
        QCOMPARE(QDir(unitDir()).entryList(QDir::Files), before);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("missing.db"))));
    }

    void aPasswordInTheUrlNeverReachesTheUnit()
    {
        const CliResult r = schedule({QStringLiteral("add"), QStringLiteral("--db"),
                                      QStringLiteral("postgresql://bot:s3cretpw@127.0.0.1:5432/trading"),
                                      QStringLiteral("--job"), QStringLiteral("backup"), QStringLiteral("--every"),
                                      QStringLiteral("1h"), QStringLiteral("--name"), QStringLiteral("pg-hourly")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        for (const char *suffix : {".service", ".timer"}) {
            QFile f(unitDir() + QStringLiteral("/pg-hourly") + QLatin1String(suffix));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(!f.readAll().contains("s3cretpw"));
        }
        QVERIFY(!r.out.contains("s3cretpw"));
    }

    void listShowsItAndRemoveTakesItAway()
    {
        QVERIFY(schedule({QStringLiteral("add"), QStringLiteral("--db"), m_db, QStringLiteral("--job"),
                          QStringLiteral("cleanup"), QStringLiteral("--every"), QStringLiteral("6h"),
                          QStringLiteral("--name"), QStringLiteral("cleanup-6h")})
                    .exitCode == 0);
        const CliResult list = schedule({QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.json().value(QLatin1String("systemd_running")).toBool(), false);
        const QJsonObject row = listed(QStringLiteral("cleanup-6h"));
        QCOMPARE(row.value(QLatin1String("job")).toString(), QStringLiteral("cleanup"));
        QCOMPARE(row.value(QLatin1String("on_calendar")).toString(), QStringLiteral("*-*-* 0/6:00:00"));
        QCOMPARE(row.value(QLatin1String("source")).toString(), QStringLiteral("audit"));
        QCOMPARE(schedule({QStringLiteral("remove"), QStringLiteral("cleanup-6h")}).exitCode, 0);
        QVERIFY(listed(QStringLiteral("cleanup-6h")).isEmpty());
        QVERIFY(!QFile::exists(unitDir() + QStringLiteral("/cleanup-6h.timer")));
        QCOMPARE(schedule({QStringLiteral("remove"), QStringLiteral("cleanup-6h")}).exitCode, 3);
    }

    void aScheduledRunSkipsWhileTheSameJobRunsOnTheStore()
    {
        QVERIFY(schedule({QStringLiteral("add"), QStringLiteral("--db"), m_db, QStringLiteral("--job"),
                          QStringLiteral("backup"), QStringLiteral("--every"), QStringLiteral("1h"),
                          QStringLiteral("--name"), QStringLiteral("nightly")})
                    .exitCode == 0);
        QProcessEnvironment scheduled = m_env;
        scheduled.insert(QStringLiteral("DBOPS_SCHEDULE"), QStringLiteral("nightly"));
        const QStringList backup{QStringLiteral("backup"),
                                 QStringLiteral("--db"),
                                 m_db,
                                 QStringLiteral("--out"),
                                 m_dir.filePath(QStringLiteral("out")),
                                 QStringLiteral("--json")};
        {
            const JobLock manual(QStringLiteral("backup"), BackupNaming::sourceId(Target::sqliteFile(m_db)));
            QVERIFY(manual.held());
            const CliResult r = CliRunner::run(backup, scheduled);
            QCOMPARE(r.exitCode, 0);
            QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("skipped"));
            QVERIFY2(r.err.contains("already running"), r.err.constData());
            QVERIFY(QDir(m_dir.filePath(QStringLiteral("out"))).entryList(QDir::Files).isEmpty());
            QCOMPARE(listed(QStringLiteral("nightly")).value(QLatin1String("last_result")).toString(),
                     QStringLiteral("skipped"));
        }
        const CliResult r = CliRunner::run(backup, scheduled); // the lock is free again: it runs
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        const QJsonObject row = listed(QStringLiteral("nightly"));
        QCOMPARE(row.value(QLatin1String("last_result")).toString(), QStringLiteral("ok"));
        QVERIFY(row.value(QLatin1String("duration_s")).isDouble());
    }
};

QTEST_GUILESS_MAIN(TestCliSchedule)
#include "tst_cli_schedule.moc"
