// `dbops watch` run as cron or a timer would: one alert per change of state and one recovery (a demo store whose
// backup goes stale and is backed up again), the --once exit codes, the command and webhook notifiers, a failed
// scheduled run alerted, and the webhook's token kept out of output, logs, state.db and the schedule's unit.
#include "audit/auditlog.h"
#include "auditfixture.h"
#include "clirunner.h"
#include "connection/profilestore.h"
#include "demo/demostore.h"
#include "hookserver.h"
#include "ops/backupservice.h"
#include "ops/backupverifier.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kToken = QStringLiteral("w3bh00k-T0KEN");
}

class TestCliWatch : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    int m_stores = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A new demo store (its own folder and backup folder); `backup`: with a fresh verified backup.
    QString newStore(bool backup)
    {
        const QString dir = path(QStringLiteral("store%1").arg(++m_stores));
        if (DemoStore::create(dir, DemoOptions::endingNow()))
            return {};
        const QString db = DemoStore::tradingDbPath(dir);
        return !backup || takeBackup(db) ? db : QString();
    }
    QString backupsOf(const QString &db) const { return QFileInfo(db).absolutePath() + QStringLiteral("-backups"); }
    bool takeBackup(const QString &db) const
    {
        auto backup = BackupService::backup(Target::sqliteFile(db), BackupRequest{backupsOf(db)}, {});
        return backup && BackupVerifier::verify(backup->path, {}, {})->verified();
    }
    // Every manifest of the store's backups dated `hours` back: the newest verified backup is that old.
    bool ageBackups(const QString &db, int hours) const
    {
        QDirIterator it(backupsOf(db), {QStringLiteral("*.json")}, QDir::Files);
        bool any = false;
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                return false;
            QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
            f.close();
            if (!o.contains(QLatin1String("created_at")))
                continue;
            o.insert(QStringLiteral("created_at"),
                     QDateTime::currentDateTimeUtc().addSecs(-hours * 3600).toString(Qt::ISODateWithMs));
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(QJsonDocument(o).toJson()) < 0)
                return false;
            any = true;
        }
        return any;
    }
    QStringList watchArgs(const QString &db, const QStringList &more = {}) const
    {
        return QStringList{
                   QStringLiteral("watch"),  QStringLiteral("--db"),         db,           QStringLiteral("--once"),
                   QStringLiteral("--json"), QStringLiteral("--backup-dir"), backupsOf(db)} +
               more;
    }
    CliResult watch(const QString &db, const QStringList &more = {}) const
    {
        return CliRunner::run(watchArgs(db, more), m_env);
    }
    // The alert lines of a watch's output for `rule`.
    static QList<QJsonObject> alerts(const CliResult &r, const QString &rule = {})
    {
        QList<QJsonObject> list;
        for (const QByteArray &line : r.out.split('\n'))
            if (const QJsonObject o = QJsonDocument::fromJson(line).object(); !o.isEmpty())
                if (rule.isEmpty() || o.value(QLatin1String("rule")).toString() == rule)
                    list << o;
        return list;
    }
    // An executable script `name` that saves the alert it is given as got-<rule>.json beside it (empty: not made).
    QString alertScript(const QString &name) const
    {
        const QString script = path(name);
        QFile f(script);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QStringLiteral("#!/bin/sh\ncat > \"%1\"\n").arg(gotFile(QStringLiteral("$DBOPS_ALERT_RULE"))).toUtf8());
        f.close();
        return f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner) ? script : QString();
    }
    QString gotFile(const QString &rule) const { return path(QStringLiteral("got-%1.json").arg(rule)); }
    // The alert the script was given for `rule` (empty when it never ran for it).
    QJsonObject got(const QString &rule) const
    {
        QFile in(gotFile(rule));
        return in.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(in.readAll()).object() : QJsonObject();
    }
    // The audit records of the watch's alerts on `db`.
    static QList<AuditRecord> alertRecords(const QString &db)
    {
        QList<AuditRecord> list;
        const auto trail = AuditLog().all();
        for (const AuditRecord &r : trail ? trail.value() : QList<AuditRecord>())
            if (r.action == QLatin1String("alert") && r.target == db)
                list << r;
        return list;
    }
    Error saveProfile(const QString &name, const QString &db) const
    {
        Profile p;
        p.name = name;
        p.target = Target::sqliteFile(db);
        return ProfileStore().save(p);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = CliRunner::cleanEnvironment();
        for (const char *xdg : {"CONFIG", "DATA", "STATE"}) {
            const QString dir = path(QString::fromLatin1(xdg).toLower());
            m_env.insert(QStringLiteral("XDG_%1_HOME").arg(QLatin1String(xdg)), dir);
            qputenv(QStringLiteral("XDG_%1_HOME").arg(QLatin1String(xdg)).toUtf8().constData(), dir.toUtf8());
        }
        m_env.insert(QStringLiteral("DBOPS_SYSTEMCTL"), path(QStringLiteral("no-systemctl")));
        m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + path("no-bus"));
    }

    void onceExitCode_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("more");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("fresh backup: nothing active") << "fresh" << QStringList() << 0;
        QTest::newRow("backup 30 h old: warning") << "stale" << QStringList() << 1;
        QTest::newRow("no backup: critical") << "none" << QStringList() << 2;
        QTest::newRow("interval under 30 s") << "fresh" << QStringList{"--interval", "5s"} << 3;
        QTest::newRow("webhook not http") << "fresh" << QStringList{"--webhook", "ftp://example.org/x"} << 3;
        QTest::newRow("unknown notifier") << "fresh" << QStringList{"--notify", "pager"} << 3;
    }
    void onceExitCode()
    {
        QFETCH(QString, kind);
        QFETCH(QStringList, more);
        QFETCH(int, exitCode);
        const QString db = newStore(kind != QLatin1String("none"));
        QVERIFY(!db.isEmpty());
        if (kind == QLatin1String("stale"))
            QVERIFY(ageBackups(db, 30));
        const CliResult r = watch(db, more);
        QVERIFY2(r.exitCode == exitCode, QByteArray(r.out + r.err).constData());
    }

    void unknownTargetIsUnusableInput()
    {
        const CliResult r = watch(QStringLiteral("no-such-profile"));
        QCOMPARE(r.exitCode, 3);
    }

    void oneAlertPerChangeAndOneRecovery()
    {
        const QString db = newStore(true);
        QVERIFY(!db.isEmpty());
        QVERIFY(alerts(watch(db), QStringLiteral("backup")).isEmpty()); // ok, first seen: nothing to say
        QVERIFY(ageBackups(db, 30));
        const CliResult stale = watch(db);
        QCOMPARE(stale.exitCode, 1);
        const QList<QJsonObject> fired = alerts(stale);
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired.first().value(QLatin1String("rule")).toString(), QStringLiteral("backup"));
        QCOMPARE(fired.first().value(QLatin1String("state")).toString(), QStringLiteral("warning"));
        QCOMPARE(fired.first().value(QLatin1String("previous_state")).toString(), QStringLiteral("ok"));
        QCOMPARE(fired.first().value(QLatin1String("kind")).toString(), QStringLiteral("alert"));
        QVERIFY(alerts(watch(db)).isEmpty()); // the same state checked again: no second alert
        QVERIFY(takeBackup(db));
        const CliResult back = watch(db);
        QCOMPARE(back.exitCode, 0);
        const QList<QJsonObject> recovered = alerts(back);
        QCOMPARE(recovered.size(), 1);
        QCOMPARE(recovered.first().value(QLatin1String("kind")).toString(), QStringLiteral("recovery"));
        QCOMPARE(recovered.first().value(QLatin1String("previous_state")).toString(), QStringLiteral("warning"));
        int audited = 0;
        const auto trail = AuditLog().all();
        QVERIFY(trail);
        for (const AuditRecord &r : trail.value())
            audited += r.action == QLatin1String("alert") && r.target == db && r.parameters == QLatin1String("backup");
        QCOMPARE(audited, 2);
    }

    void commandReceivesTheAlert()
    {
        const QString db = newStore(false);
        QVERIFY(!db.isEmpty());
        const QString script = alertScript(QStringLiteral("on-alert.sh"));
        QVERIFY(!script.isEmpty());
        QFile::remove(gotFile(QStringLiteral("backup")));
        const CliResult r = watch(db, {QStringLiteral("--command"), script});
        QCOMPARE(r.exitCode, 2);
        const QJsonObject o = got(QStringLiteral("backup"));
        QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("critical"));
        QCOMPARE(o.value(QLatin1String("target")).toString(), db);
    }

    // A webhook nobody answers, then a command: the alert the webhook did not take reaches the command.
    void undeliveredAlertIsDeliveredByTheNextRun()
    {
        const QString db = newStore(false);
        QVERIFY(!db.isEmpty());
        const CliResult missed = watch(db, {QStringLiteral("--webhook"), QStringLiteral("http://127.0.0.1:9/hook")});
        QCOMPARE(missed.exitCode, 2);
        QVERIFY2(missed.err.contains("did not take the alert"), missed.err.constData());
        const QString script = alertScript(QStringLiteral("on-alert-later.sh"));
        QVERIFY(!script.isEmpty());
        QFile::remove(gotFile(QStringLiteral("backup")));
        const CliResult next = watch(db, {QStringLiteral("--command"), script});
        QVERIFY2(next.exitCode == 2, next.err.constData());
        const QJsonObject o = got(QStringLiteral("backup"));
        QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("critical"));
        QCOMPARE(o.value(QLatin1String("previous_state")).toString(), QStringLiteral("unknown"));
    }

    void deliveredAlertIsNotSentAgain()
    {
        const QString db = newStore(false);
        QVERIFY(!db.isEmpty());
        const QString script = alertScript(QStringLiteral("on-alert-once.sh"));
        QVERIFY(!script.isEmpty());
        QCOMPARE(watch(db, {QStringLiteral("--command"), script}).exitCode, 2);
        QFile::remove(gotFile(QStringLiteral("backup")));
        QCOMPARE(watch(db, {QStringLiteral("--command"), script}).exitCode, 2);
        QVERIFY(got(QStringLiteral("backup")).isEmpty());
    }

    void undeliveredAlertIsAuditedAsSuch()
    {
        const QString db = newStore(false);
        QVERIFY(!db.isEmpty());
        QCOMPARE(watch(db, {QStringLiteral("--webhook"), QStringLiteral("http://127.0.0.1:9/hook")}).exitCode, 2);
        bool said = false;
        for (const AuditRecord &r : alertRecords(db))
            said = said ||
                   (r.parameters == QLatin1String("backup") && r.detail.contains(QLatin1String("delivery failed")));
        QVERIFY(said);
    }

    void unusableCommandExitsThree_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("does not exist") << path(QStringLiteral("no-such-dir/notify.sh"));
        QTest::newRow("not executable") << path(QStringLiteral("plain.txt"));
        QTest::newRow("a folder") << m_dir.path();
    }
    void unusableCommandExitsThree()
    {
        QFETCH(QString, command);
        QFile plain(path(QStringLiteral("plain.txt")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        const QString db = newStore(false);
        QVERIFY(!db.isEmpty());
        const CliResult r = watch(db, {QStringLiteral("--command"), command});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.err.contains(command.toUtf8()), r.err.constData());
        QVERIFY(alertRecords(db).isEmpty()); // said before anything was recorded
    }

    void failedScheduledRunIsAlerted()
    {
        const QString db = newStore(true);
        QVERIFY(!db.isEmpty());
        const CliResult added =
            CliRunner::run({QStringLiteral("schedule"), QStringLiteral("add"), QStringLiteral("--db"), db,
                            QStringLiteral("--job"), QStringLiteral("backup"), QStringLiteral("--every"),
                            QStringLiteral("1h"), QStringLiteral("--name"), QStringLiteral("backup-failing")},
                           m_env);
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QVERIFY(alerts(watch(db), QStringLiteral("schedules")).isEmpty());
        QVERIFY(AuditFixture::failedScheduledRun(db, QStringLiteral("backup-failing")));
        const QList<QJsonObject> fired = alerts(watch(db), QStringLiteral("schedules"));
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired.first().value(QLatin1String("state")).toString(), QStringLiteral("critical"));
        QVERIFY(fired.first().value(QLatin1String("reason")).toString().contains(QStringLiteral("backup-failing")));
    }

    void webhookFromProfileKeepsItsTokenSecret()
    {
        const QString db = newStore(false);
        QVERIFY(!db.isEmpty());
        QVERIFY(!saveProfile(QStringLiteral("hooked"), db));
        HookServer server;
        QVERIFY(server.listen());
        {
            QSettings s(ProfileStore().file(), QSettings::IniFormat);
            s.setValue(QStringLiteral("hooked/alert_webhook"), server.url(QStringLiteral("/ping/") + kToken));
        }
        QProcess p; // the server answers on this thread: the watch runs beside the event loop
        p.setProcessEnvironment(m_env);
        p.start(QStringLiteral(DBOPS_CLI_PATH), watchArgs(QStringLiteral("hooked")));
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 60000);
        const QByteArray out = p.readAllStandardOutput() + p.readAllStandardError();
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(!server.requests().isEmpty());
        QVERIFY(server.requests().first().head.contains(kToken.toUtf8()));
        QVERIFY2(!out.contains(kToken.toUtf8()), out.constData());
        for (QDirIterator it(m_dir.path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
            QFile f(it.next());
            if (f.fileName().endsWith(QLatin1String("profiles.ini")) || !f.open(QIODevice::ReadOnly))
                continue;
            QVERIFY2(!f.readAll().contains(kToken.toUtf8()), qPrintable(f.fileName())); // logs, state.db, units
        }
    }

    void scheduledWatchTakesNoWebhookOnItsCommandLine()
    {
        const QString db = newStore(true);
        QVERIFY(!db.isEmpty());
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("DBOPS_SCHEDULE"), QStringLiteral("watch-trading"));
        const CliResult r = CliRunner::run(
            watchArgs(db, {QStringLiteral("--webhook"), QStringLiteral("https://h.example/") + kToken}), env);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(!QByteArray(r.out + r.err).contains(kToken.toUtf8()), r.err.constData());
    }

    void watchScheduleRunsOnceEveryMinute()
    {
        const QString db = newStore(true);
        QVERIFY(!db.isEmpty());
        const CliResult r =
            CliRunner::run({QStringLiteral("schedule"), QStringLiteral("add"), QStringLiteral("--db"), db,
                            QStringLiteral("--job"), QStringLiteral("watch"), QStringLiteral("--every"),
                            QStringLiteral("1min"), QStringLiteral("--name"), QStringLiteral("watch-1min")},
                           m_env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile service(path(QStringLiteral("config/systemd/user/watch-1min.service")));
        QVERIFY(service.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(service.readAll());
        QVERIFY2(text.contains(QStringLiteral("\"watch\" \"--db\" \"%1\" \"--once\"").arg(db)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("SuccessExitStatus=1 2")), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestCliWatch)
#include "tst_cli_watch.moc"
