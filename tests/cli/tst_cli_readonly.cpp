// Incident mode from the command line: with --read-only, or on a profile saying read_only=true, every action
// (restore, cleanup, maintain, terminate, prune, removing stale locks) ends with exit 2 and the refusal on
// stderr, and the store, its folder and the backups are byte for byte as they were; backup still runs.
#include "clirunner.h"
#include "filesnapshot.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

class TestCliReadOnly : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_bot, m_db, m_backups, m_backup;

    CliResult run(const QStringList &args) { return CliRunner::run(args, m_env); }

    QString backup()
    {
        const CliResult r = run({QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--out"),
                                 m_backups, QStringLiteral("--json")});
        return r.exitCode == 0 ? r.json().value(QLatin1String("path")).toString() : QString();
    }

    QMap<QString, QByteArray> everything() const
    {
        QMap<QString, QByteArray> all;
        for (const QString &dir : {m_bot, m_backups}) {
            const auto files = FileSnapshot::of(dir);
            for (auto it = files.cbegin(); it != files.cend(); ++it)
                all.insert(dir + QLatin1Char('/') + it.key(), it.value());
        }
        return all;
    }

    // Each placeholder of the rows: the store, its folder, the backup folder, one backup of it.
    QStringList filled(QStringList args) const
    {
        for (QString &a : args) {
            a.replace(QStringLiteral("{db}"), m_db);
            a.replace(QStringLiteral("{bot}"), m_bot);
            a.replace(QStringLiteral("{backups}"), m_backups);
            a.replace(QStringLiteral("{backup}"), m_backup);
        }
        return args;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = CliRunner::cleanEnvironment();
        for (const char *xdg : {"XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"})
            m_env.insert(QString::fromLatin1(xdg), m_dir.filePath(QString::fromLatin1(xdg).toLower()));
        m_bot = m_dir.filePath(QStringLiteral("bot"));
        m_db = m_bot + QStringLiteral("/trading.db");
        m_backups = m_dir.filePath(QStringLiteral("backups"));
        QVERIFY(QDir().mkpath(m_bot));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 200, false));
        QVERIFY(
            SqliteFixture::exec(m_db, QStringLiteral("CREATE TABLE candles (id INTEGER PRIMARY KEY, open_time TEXT)")));
        QVERIFY(SqliteFixture::exec(m_db, QStringLiteral("INSERT INTO candles (open_time) VALUES "
                                                         "('2020-01-01T00:00:00Z'), ('2020-01-02T00:00:00Z')")));
        QFile stale(m_bot + QStringLiteral("/.writer.lock")); // its PID is above pid_max: never running
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("4194303");
        stale.close();
        QVERIFY(!backup().isEmpty());
        m_backup = backup(); // two: prune --keep-last 1 would delete the older
        QVERIFY(!m_backup.isEmpty());
        QDir().mkpath(m_dir.filePath(QStringLiteral("xdg_config_home/dbops")));
        QFile profiles(m_dir.filePath(QStringLiteral("xdg_config_home/dbops/profiles.ini")));
        QVERIFY(profiles.open(QIODevice::WriteOnly));
        profiles.write(QStringLiteral("[incident]\nkind=sqlite_file\npath=%1\nread_only=true\n").arg(m_db).toUtf8());
    }

    void actionsAreRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        const auto row = [](const char *name, const QStringList &args) {
            // The same action twice: --read-only on the store, and the store named by its read_only profile.
            QTest::newRow(qPrintable(QStringLiteral("%1 --read-only").arg(QLatin1String(name))))
                << args + QStringList{QStringLiteral("--db"), QStringLiteral("{db}"), QStringLiteral("--read-only")};
            QTest::newRow(qPrintable(QStringLiteral("%1 read_only profile").arg(QLatin1String(name))))
                << args + QStringList{QStringLiteral("--db"), QStringLiteral("incident")};
        };
        row("restore", {QStringLiteral("restore"), QStringLiteral("{backup}"), QStringLiteral("--yes")});
        row("cleanup", {QStringLiteral("cleanup"), QStringLiteral("--policy"), QStringLiteral("candles:open_time:1d"),
                        QStringLiteral("--apply"), QStringLiteral("--yes")});
        row("maintain",
            {QStringLiteral("maintain"), QStringLiteral("--op"), QStringLiteral("vacuum"), QStringLiteral("--yes")});
        row("terminate", {QStringLiteral("sessions"), QStringLiteral("--app"), QStringLiteral("bot"),
                          QStringLiteral("--terminate"), QStringLiteral("--yes")});
        row("cancel",
            {QStringLiteral("slow"), QStringLiteral("--cancel"), QStringLiteral("4242"), QStringLiteral("--yes")});
        row("remove-stale", {QStringLiteral("locks"), QStringLiteral("--remove-stale"), QStringLiteral("--yes")});
        // prune works on a folder, not on a store: --read-only only.
        QTest::newRow("prune --read-only")
            << QStringList{QStringLiteral("prune"),       QStringLiteral("--out"), QStringLiteral("{backups}"),
                           QStringLiteral("--keep-last"), QStringLiteral("1"),     QStringLiteral("--yes"),
                           QStringLiteral("--read-only")};
    }

    void actionsAreRefused()
    {
        QFETCH(QStringList, args);
        const auto before = everything();
        const CliResult r = run(filled(args));
        QCOMPARE(r.exitCode, 2);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(QLatin1String("refused: incident mode is on")), qPrintable(err));
        QVERIFY2(FileSnapshot::differences(before, everything()).isEmpty(),
                 qPrintable(FileSnapshot::differences(before, everything()).join(QStringLiteral(", "))));
    }

    void refusalSaysSoInJson()
    {
        const CliResult r = run(filled({QStringLiteral("maintain"), QStringLiteral("--db"), QStringLiteral("{db}"),
                                        QStringLiteral("--op"), QStringLiteral("vacuum"), QStringLiteral("--yes"),
                                        QStringLiteral("--read-only"), QStringLiteral("--json")}));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("refused"));
        QCOMPARE(r.json().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
                 QStringLiteral("refused"));
        QVERIFY(r.json()
                    .value(QLatin1String("error"))
                    .toObject()
                    .value(QLatin1String("message"))
                    .toString()
                    .contains(QLatin1String("incident mode is on")));
    }

    void backupRunsInIncidentMode_data()
    {
        QTest::addColumn<QString>("db");
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("--read-only") << QStringLiteral("{db}") << QStringList{QStringLiteral("--read-only")};
        QTest::newRow("read_only profile") << QStringLiteral("incident") << QStringList{};
    }

    void backupRunsInIncidentMode()
    {
        QFETCH(QString, db);
        QFETCH(QStringList, extra);
        const QByteArray storeBefore = FileSnapshot::digest(m_db);
        const QString out = m_dir.filePath(QStringLiteral("incident-backups-") + QTest::currentDataTag());
        const CliResult r = run(filled(QStringList{QStringLiteral("backup"), QStringLiteral("--db"), db,
                                                   QStringLiteral("--out"), out, QStringLiteral("--json")} +
                                       extra));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFile::exists(r.json().value(QLatin1String("path")).toString()));
        QCOMPARE(FileSnapshot::digest(m_db), storeBefore);
    }

    void readingCommandsRunInIncidentMode_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("info") << QStringList{QStringLiteral("info"), QStringLiteral("--db"), QStringLiteral("{db}")}
                              << 0;
        QTest::newRow("verify") << QStringList{QStringLiteral("verify"), QStringLiteral("{backup}")} << 0;
        QTest::newRow("locks (list)") << QStringList{QStringLiteral("locks"), QStringLiteral("--db"),
                                                     QStringLiteral("{bot}")}
                                      << 1; // a stale lock is listed, as without incident mode
    }

    void readingCommandsRunInIncidentMode()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        const CliResult r = run(filled(args + QStringList{QStringLiteral("--read-only")}));
        QVERIFY2(r.exitCode == exitCode, r.err.constData());
    }

    void previewsRunInIncidentMode()
    {
        const CliResult r =
            run(filled({QStringLiteral("maintain"), QStringLiteral("--db"), QStringLiteral("{db}"),
                        QStringLiteral("--op"), QStringLiteral("vacuum"), QStringLiteral("--read-only")}));
        QCOMPARE(r.exitCode, 1); // a preview, as without incident mode
    }
};

QTEST_GUILESS_MAIN(TestCliReadOnly)
#include "tst_cli_readonly.moc"
