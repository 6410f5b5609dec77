// `dbops status` on SQLite stores, run as a monitoring system would: the JSON rows, the exit code by the worst
// state (0 ok, 1 warning, 2 critical, 3 the target cannot be used), and --all over the saved profiles.
// (PostgreSQL, sessions included: tst_pg_cli_status.cpp.)
#include "auditfixture.h"
#include "clirunner.h"
#include "connection/profilestore.h"
#include "demo/demofiles.h"
#include "demo/demostore.h"
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestCliStatus : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_backups; // verified backups of the "ok" and "pending" stores
    QString m_ok;      // clean store with a fresh verified backup: every check ok
    QString m_pending; // the same, with migrations pending against its profile's folder: warning
    QString m_stale;   // no backup, a stale writer lock: critical

    QString path(const QString &name) const { return m_dir.filePath(name); }

    CliResult status(const QStringList &args) const
    {
        return CliRunner::run(QStringList{QStringLiteral("status")} + args + QStringList{QStringLiteral("--json")},
                              m_env);
    }

    static bool createCleanStore(const QString &file, const QStringList &extra = {})
    {
        return SqliteFixture::create(file,
                                     QStringList{"CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT)",
                                                 "CREATE INDEX trades_symbol ON trades(symbol)",
                                                 "INSERT INTO trades VALUES (1, 'A'), (2, 'B'), (3, 'C')"} +
                                         extra,
                                     true);
    }

    static QJsonObject row(const QJsonObject &board, const QString &name)
    {
        for (const QJsonValue &v : board.value(QStringLiteral("checks")).toArray())
            if (v.toObject().value(QStringLiteral("name")).toString() == name)
                return v.toObject();
        return {};
    }

    bool verifiedBackup(const QString &store) const
    {
        auto backup = BackupService::backup(Target::sqliteFile(store), BackupRequest{m_backups}, {});
        return backup && BackupVerifier::verify(backup->path, {}, {})->verified();
    }

    Error saveProfile(const QString &name, const QString &store, const QString &migrations = {}) const
    {
        Profile p;
        p.name = name;
        p.target = Target::sqliteFile(store);
        p.migrationsDir = migrations;
        return ProfileStore(path(QStringLiteral("xdg/dbops/profiles.ini"))).save(p);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The test process writes the backups' audit and the profiles where the CLI looks for them.
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            qputenv(v, path(QStringLiteral("xdg")).toUtf8());
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), path(QStringLiteral("xdg")));
        m_env.insert(QStringLiteral("DBOPS_SYSTEMCTL"), path(QStringLiteral("no-systemctl"))); // schedules: audit only
        m_backups = path(QStringLiteral("backups"));
        QVERIFY(QDir().mkpath(m_backups));

        QVERIFY(QDir().mkpath(path(QStringLiteral("ok"))));
        m_ok = path(QStringLiteral("ok/trading.db"));
        QVERIFY(createCleanStore(m_ok));
        QVERIFY(verifiedBackup(m_ok));

        QVERIFY(QDir().mkpath(path(QStringLiteral("pending/alembic"))));
        m_pending = path(QStringLiteral("pending/trading.db"));
        QVERIFY(createCleanStore(m_pending, {"CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
                                             "INSERT INTO alembic_version VALUES ('011')"}));
        for (int i = 10; i <= 12; ++i) {
            QFile f(path(QStringLiteral("pending/alembic/0%1_step.py").arg(i)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("revision = '0%1'\ndown_revision = %2\n")
                        .arg(i)
                        .arg(i == 10 ? QStringLiteral("None") : QStringLiteral("'0%1'").arg(i - 1))
                        .toUtf8());
        }
        QVERIFY(verifiedBackup(m_pending));
        QVERIFY(!saveProfile(QStringLiteral("pending-bot"), m_pending, path(QStringLiteral("pending/alembic"))));

        QVERIFY(QDir().mkpath(path(QStringLiteral("stale"))));
        m_stale = path(QStringLiteral("stale/trading.db"));
        QVERIFY(createCleanStore(m_stale));
        Error error;
        QVERIFY(DemoFiles::writeStaleLock(path(QStringLiteral("stale/.writer.lock")), 40000, &error) > 0);
        QVERIFY(!saveProfile(QStringLiteral("stale-bot"), m_stale));
    }

    void jsonRowsHaveNameStateReasonValue()
    {
        const CliResult r = status({QStringLiteral("--db"), m_ok, QStringLiteral("--backup-dir"), m_backups});
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("target")).toString(), m_ok);
        QCOMPARE(o.value(QStringLiteral("worst")).toString(), QStringLiteral("ok"));
        const QJsonArray checks = o.value(QStringLiteral("checks")).toArray();
        QCOMPARE(checks.size(), 12);
        const QStringList states{"ok", "warning", "critical", "unknown"};
        for (const QJsonValue &v : checks) {
            const QJsonObject c = v.toObject();
            QVERIFY(!c.value(QStringLiteral("name")).toString().isEmpty());
            QVERIFY2(states.contains(c.value(QStringLiteral("state")).toString()),
                     qPrintable(c.value(QStringLiteral("name")).toString()));
            QVERIFY(!c.value(QStringLiteral("reason")).toString().isEmpty());
            QVERIFY(c.contains(QStringLiteral("value")));
            QVERIFY(c.value(QStringLiteral("neutral")).isBool()); // README's key, on every row
        }
        QCOMPARE(checks.at(6).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("backup"));
        QVERIFY(checks.at(6).toObject().value(QStringLiteral("value")).toDouble() >= 0); // its age in seconds
        QCOMPARE(checks.at(11).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("schedules"));
    }

    // The console's Overview judges a profile with its alert_* keys; `dbops status` reads the same rows.
    void profileAlertThresholdsJudgeTheRows()
    {
        // A profile file of its own, so --all below still sees two profiles.
        const QString config = path(QStringLiteral("strict-config"));
        Profile p;
        p.name = QStringLiteral("strict-bot");
        p.target = Target::sqliteFile(m_ok);
        QVERIFY(!ProfileStore(config + QStringLiteral("/dbops/profiles.ini")).save(p));
        {
            QSettings ini(config + QStringLiteral("/dbops/profiles.ini"), QSettings::IniFormat);
            ini.setValue(QStringLiteral("strict-bot/alert_backup_warn_hours"), 0.0002); // 0.72 s
        }
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
        QTest::qWait(1500); // the backup of initTestCase is older than that now
        const CliResult r =
            CliRunner::run({QStringLiteral("status"), QStringLiteral("--db"), QStringLiteral("strict-bot"),
                            QStringLiteral("--backup-dir"), m_backups, QStringLiteral("--json")},
                           env);
        const QJsonObject backup = row(r.json(), QStringLiteral("backup"));
        QVERIFY2(backup.value(QStringLiteral("state")).toString() == QLatin1String("warning"),
                 QJsonDocument(backup).toJson(QJsonDocument::Compact).constData());
        QVERIFY2(r.exitCode == 1, r.out.constData());
    }

    void failedScheduledRunIsCritical()
    {
        const QString store = path(QStringLiteral("scheduled/trading.db"));
        QVERIFY(QDir().mkpath(path(QStringLiteral("scheduled"))));
        QVERIFY(createCleanStore(store));
        QVERIFY(verifiedBackup(store));
        const CliResult added =
            CliRunner::run({QStringLiteral("schedule"), QStringLiteral("add"), QStringLiteral("--db"), store,
                            QStringLiteral("--job"), QStringLiteral("backup"), QStringLiteral("--every"),
                            QStringLiteral("1h"), QStringLiteral("--name"), QStringLiteral("backup-failing")},
                           m_env);
        QVERIFY2(added.exitCode == 0, added.err.constData());
        const auto schedules = [&] {
            return row(status({QStringLiteral("--db"), store, QStringLiteral("--backup-dir"), m_backups}).json(),
                       QStringLiteral("schedules"));
        };
        QCOMPARE(schedules().value(QStringLiteral("state")).toString(), QStringLiteral("ok"));
        QVERIFY(AuditFixture::failedScheduledRun(store, QStringLiteral("backup-failing")));
        const CliResult r = status({QStringLiteral("--db"), store, QStringLiteral("--backup-dir"), m_backups});
        const QJsonObject failed = row(r.json(), QStringLiteral("schedules"));
        QCOMPARE(failed.value(QStringLiteral("state")).toString(), QStringLiteral("critical"));
        QVERIFY2(failed.value(QStringLiteral("reason")).toString().contains(QStringLiteral("backup-failing")),
                 qPrintable(failed.value(QStringLiteral("reason")).toString()));
        QCOMPARE(r.exitCode, 2);
    }

    void exitCodeIsTheWorstState_data()
    {
        QTest::addColumn<QString>("db");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("worst");
        QTest::newRow("every check ok") << m_ok << 0 << "ok";
        QTest::newRow("migrations pending") << "pending-bot" << 1 << "warning";
        QTest::newRow("no backup and a stale writer lock") << "stale-bot" << 2 << "critical";
    }

    void exitCodeIsTheWorstState()
    {
        QFETCH(QString, db);
        QFETCH(int, exitCode);
        QFETCH(QString, worst);
        const CliResult r = status({QStringLiteral("--db"), db, QStringLiteral("--backup-dir"), m_backups});
        QVERIFY2(r.exitCode == exitCode, r.out.constData());
        QCOMPARE(r.json().value(QStringLiteral("worst")).toString(), worst);
    }

    void unusableTargetExitsThreeWithOneLine()
    {
        const CliResult r = status({QStringLiteral("--db"), path(QStringLiteral("nowhere/trading.db"))});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("error"));
    }

    void allChecksEverySavedProfile()
    {
        const CliResult r = status({QStringLiteral("--all"), QStringLiteral("--backup-dir"), m_backups});
        QCOMPARE(r.exitCode, 2); // the worst of the two: stale-bot is critical
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("worst")).toString(), QStringLiteral("critical"));
        const QJsonArray targets = o.value(QStringLiteral("targets")).toArray();
        QCOMPARE(targets.size(), 2);
        QHash<QString, QString> worst;
        for (const QJsonValue &v : targets) {
            const QJsonObject t = v.toObject();
            QCOMPARE(t.value(QStringLiteral("checks")).toArray().size(), 12);
            worst.insert(t.value(QStringLiteral("profile")).toString(), t.value(QStringLiteral("worst")).toString());
        }
        QCOMPARE(worst.value(QStringLiteral("pending-bot")), QStringLiteral("warning"));
        QCOMPARE(worst.value(QStringLiteral("stale-bot")), QStringLiteral("critical"));
    }

    void staleLockWhileTheBotWritesIsAWarning()
    {
        const QString demo = path(QStringLiteral("demo"));
        const Error created = DemoStore::create(demo);
        QVERIFY2(!created, qPrintable(created.oneLine()));
        const QString store = DemoStore::tradingDbPath(demo);
        Error error; // a lock file left by an earlier bot process, beside the one the running bot holds
        QVERIFY(DemoFiles::writeStaleLock(QFileInfo(store).absolutePath() + QStringLiteral("/old.lock"), 40000,
                                          &error) > 0);
        QProcess bot;
        bot.setProcessEnvironment(m_env);
        bot.start(QStringLiteral(DBOPS_CLI_PATH),
                  {QStringLiteral("demo"), QStringLiteral("--simulate"), QStringLiteral("--db"), store});
        QVERIFY(bot.waitForStarted());
        const auto writer = [&] {
            const QJsonArray checks =
                status({QStringLiteral("--db"), store}).json().value(QStringLiteral("checks")).toArray();
            return checks.at(2).toObject();
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            writer().value(QStringLiteral("reason")).toString().contains(QStringLiteral("writing now")), 20000);
        const QJsonObject w = writer();
        bot.terminate();
        bot.waitForFinished();
        QCOMPARE(w.value(QStringLiteral("state")).toString(), QStringLiteral("warning"));
        QVERIFY2(w.value(QStringLiteral("reason")).toString().contains(QStringLiteral("stale lock file: old.lock")),
                 qPrintable(w.value(QStringLiteral("reason")).toString()));
    }

    void allWithoutSavedProfilesExitsThree()
    {
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("empty-config")));
        const CliResult r =
            CliRunner::run({QStringLiteral("status"), QStringLiteral("--all"), QStringLiteral("--json")}, env);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliStatus)
#include "tst_cli_status.moc"
