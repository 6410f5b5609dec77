// `dbops backup` and `dbops backups` as cron jobs and operators run them: JSON keys, exit codes, files.
#include "clirunner.h"
#include "hostilefiles.h"
#include "ops/backupnaming.h"
#include "schedule/joblock.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/file.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace dbops;
using namespace dbops::test;

namespace {

constexpr qint64 kGonePid = 4194303; // above any PID in use (the kernel's largest pid_max)

QStringList namesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

bool writeFile(const QString &path, qint64 bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(QByteArray(int(bytes), 'x')) == bytes;
}

} // namespace

class TestCliBackup : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = CliRunner::cleanEnvironment();
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("XDG_STATE_HOME"), m_dir.filePath(QStringLiteral("state")));
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        m_db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 300));
    }

    void backupJsonHasThePublicKeys()
    {
        const QString out = m_dir.filePath(QStringLiteral("out"));
        const CliResult r = CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db,
                                            QStringLiteral("--out"), out, QStringLiteral("--json")},
                                           m_env);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        for (const char *key :
             {"path", "bytes", "sha256", "manifest", "source_corrupt", "warnings", "partials_removed"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o.value(QLatin1String("partials_removed")).toArray(), QJsonArray()); // none: an empty list
        const QString path = o.value(QLatin1String("path")).toString();
        QVERIFY(path.startsWith(out + QLatin1Char('/')));
        QCOMPARE(QFileInfo(path).size(), o.value(QLatin1String("bytes")).toInteger());
        QCOMPARE(o.value(QLatin1String("sha256")).toString().size(), 64);
        QVERIFY(QFileInfo(o.value(QLatin1String("manifest")).toString()).isFile());
        QCOMPARE(SqliteFixture::scalar(path, QStringLiteral("SELECT count(*) FROM trades")).toInt(), 300);
    }

    void backupToTheDefaultFolder()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(
            r.json().value(QLatin1String("path")).toString().startsWith(m_dir.filePath(QStringLiteral("data/dbops/"))));
    }

    void missingStoreExitsThreeWithoutFile()
    {
        const QString out = m_dir.filePath(QStringLiteral("none"));
        const CliResult r =
            CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_dir.filePath(QStringLiteral("gone.db")),
                            QStringLiteral("--out"), out, QStringLiteral("--json")},
                           m_env);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("error"));
        QVERIFY(QDir(out).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void outThatIsAFileExitsTwoWithoutBackup()
    {
        const QString out = m_dir.filePath(QStringLiteral("plainfile"));
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const CliResult r = CliRunner::run(
            {QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out}, m_env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("backup folder"));
    }

    // Without root (no tmpfs to fill): the same "no room" path through the file size limit. The child `dbops`
    // runs with RLIMIT_FSIZE = 512 KiB and SIGXFSZ ignored, so its writes past the limit fail with EFBIG. A
    // clear error naming the folder, exit 2, and nothing under the final name nor a temporary file.
    void fileSizeLimitExitsTwoLeavingNothing()
    {
        const QString big = m_dir.filePath(QStringLiteral("big.db"));
        QVERIFY(SqliteFixture::createTradingStore(big, 10));
        QVERIFY(
            SqliteFixture::create(big, {QStringLiteral("CREATE TABLE blobs (payload BLOB)"),
                                        QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM "
                                                       "c WHERE x < 2048) INSERT INTO blobs SELECT randomblob(1000) "
                                                       "FROM c")}));
        const QString out = m_dir.filePath(QStringLiteral("limited"));
        QVERIFY(QDir().mkpath(out));
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.setChildProcessModifier([] {
            const rlimit limit{512 * 1024, 512 * 1024};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            ::signal(SIGXFSZ, SIG_IGN);
        });
        p.start(QStringLiteral(DBOPS_CLI_PATH), {QStringLiteral("backup"), QStringLiteral("--db"), big,
                                                 QStringLiteral("--out"), out, QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        const QString stdOut = QString::fromUtf8(p.readAllStandardOutput());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 2, qPrintable(err + stdOut));
        QVERIFY2(err.contains(QStringLiteral("file too large for %1").arg(out)), qPrintable(err));
        QVERIFY2(stdOut.contains(QStringLiteral("file too large")), qPrintable(stdOut));
        const QStringList left = QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
    }

    // Two backups of one store at once (a second terminal, the console, a schedule): the second refuses in words
    // instead of racing the first for the same file name.
    void aSecondBackupOfTheStoreRefusesWhileOneRuns()
    {
        qputenv("XDG_STATE_HOME", m_env.value(QStringLiteral("XDG_STATE_HOME")).toUtf8()); // where the CLI locks
        const JobLock running(QStringLiteral("backup"), BackupNaming::sourceId(Target::sqliteFile(m_db)));
        QVERIFY(running.held());
        const CliResult r = CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db,
                                            QStringLiteral("--out"), m_dir.filePath(QStringLiteral("concurrent"))},
                                           m_env);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(QLatin1String("already running")), r.err.constData());
        QVERIFY(QDir(m_dir.filePath(QStringLiteral("concurrent"))).entryList(QDir::Files).isEmpty());
    }

    // Without --dir the JSON names the folder it read (the default under XDG_DATA_HOME), not "".
    void backupsNamesTheDefaultFolderItRead()
    {
        const CliResult r = CliRunner::run({QStringLiteral("backups"), QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QLatin1String("dir")).toString(), m_dir.filePath(QStringLiteral("data/dbops/backups")));
    }

    void backupsListsWithState()
    {
        const QString out = m_dir.filePath(QStringLiteral("list"));
        QCOMPARE(CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out},
                                m_env)
                     .exitCode,
                 0);
        const CliResult r =
            CliRunner::run({QStringLiteral("backups"), QStringLiteral("--dir"), out, QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = r.json().value(QLatin1String("backups")).toArray();
        QCOMPARE(list.size(), 1);
        const QJsonObject b = list.first().toObject();
        QCOMPARE(b.value(QLatin1String("state")).toString(), QStringLiteral("unverified"));
        QCOMPARE(b.value(QLatin1String("source")).toString(), m_db);
        QVERIFY(b.value(QLatin1String("bytes")).toInteger() > 0);
        QVERIFY(b.contains(QLatin1String("age_seconds")));
    }

    void backupOfACorruptStoreWarnsAndExitsOne()
    {
        const QString db = m_dir.filePath(QStringLiteral("corrupt-text.db"));
        QVERIFY(HostileFiles::corruptPages(db));
        const CliResult r = CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), db,
                                            QStringLiteral("--out"), m_dir.filePath(QStringLiteral("corrupt-text"))},
                                           m_env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("WARNING") && r.out.contains("quick_check"), r.out.constData());
    }

    void backupOfACorruptStoreIsKeptAndMarked()
    {
        const QString db = m_dir.filePath(QStringLiteral("corrupt-json.db"));
        QVERIFY(HostileFiles::corruptPages(db));
        const CliResult r =
            CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), db, QStringLiteral("--out"),
                            m_dir.filePath(QStringLiteral("corrupt-json")), QStringLiteral("--json")},
                           m_env);
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("warning"));
        QVERIFY(o.value(QLatin1String("source_corrupt")).toBool());
        QVERIFY(!o.value(QLatin1String("warnings")).toArray().isEmpty());
        QVERIFY(QFileInfo(o.value(QLatin1String("path")).toString()).isFile());
        QFile manifest(o.value(QLatin1String("manifest")).toString());
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(manifest.readAll()).object().value(QLatin1String("source_corrupt")).toBool());
    }

    void backupsMarksTheBackupOfACorruptStore()
    {
        const QString db = m_dir.filePath(QStringLiteral("corrupt-list.db"));
        const QString out = m_dir.filePath(QStringLiteral("corrupt-list"));
        QVERIFY(HostileFiles::corruptPages(db));
        QCOMPARE(
            CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), db, QStringLiteral("--out"), out}, m_env)
                .exitCode,
            1);
        const CliResult r =
            CliRunner::run({QStringLiteral("backups"), QStringLiteral("--dir"), out, QStringLiteral("--json")}, m_env);
        const QJsonArray list = r.json().value(QLatin1String("backups")).toArray();
        QCOMPARE(list.size(), 1);
        QVERIFY(list.first().toObject().value(QLatin1String("source_corrupt")).toBool());
    }

    void backupOfAHealthyStoreIsNotMarked()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--out"),
                            m_dir.filePath(QStringLiteral("healthy")), QStringLiteral("--json")},
                           m_env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(r.json().value(QLatin1String("source_corrupt")).toBool(true), false);
    }

    // Leftovers of backups killed while writing (a backup file, a manifest, a data directory's staging folder)
    // whose process is gone: the next backup into the folder removes them.
    void backupRemovesLeftoversOfGoneRuns()
    {
        const QString out = m_dir.filePath(QStringLiteral("leftovers"));
        QVERIFY(QDir().mkpath(out + QStringLiteral("/.bot-20260101-000000Z.partial-%1/trading").arg(kGonePid)));
        const QStringList gone{QStringLiteral(".trading-20260101-000000Z.db.partial-%1-0").arg(kGonePid),
                               QStringLiteral(".trading-20260101-000000Z.db.manifest.json.partial-%1-1").arg(kGonePid),
                               QStringLiteral(".bot-20260101-000000Z.partial-%1").arg(kGonePid)};
        QVERIFY(writeFile(out + QLatin1Char('/') + gone[0], 100000));
        QVERIFY(writeFile(out + QLatin1Char('/') + gone[1], 100));
        QVERIFY(writeFile(out + QLatin1Char('/') + gone[2] + QStringLiteral("/trading/trading.db"), 1000));
        const CliResult r = CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db,
                                            QStringLiteral("--out"), out, QStringLiteral("--json")},
                                           m_env);
        QCOMPARE(r.exitCode, 0);
        const QStringList left = namesIn(out);
        for (const QString &name : gone)
            QVERIFY2(!left.contains(name), qPrintable(left.join(QLatin1Char(' '))));
        QCOMPARE(r.json().value(QLatin1String("partials_removed")).toArray().size(), 3);
    }

    // A partial of a live process that holds its writer's lock (here: this test, as a dbops job would) stays.
    void backupKeepsAPartialStillBeingWritten()
    {
        const QString out = m_dir.filePath(QStringLiteral("inflight"));
        QVERIFY(QDir().mkpath(out));
        const QString name = QStringLiteral(".trading-20260101-000000Z.db.partial-%1-0").arg(::getpid());
        QFile held(out + QLatin1Char('/') + name);
        QVERIFY(held.open(QIODevice::WriteOnly));
        QCOMPARE(::flock(held.handle(), LOCK_EX | LOCK_NB), 0);
        QCOMPARE(CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out},
                                m_env)
                     .exitCode,
                 0);
        QVERIFY(namesIn(out).contains(name));
    }

    // A live PID that is not a dbops process (the PID was reused) and no writer's lock: the writer is gone.
    void backupRemovesAPartialOfAnotherProgram()
    {
        const QString out = m_dir.filePath(QStringLiteral("reused"));
        QVERIFY(QDir().mkpath(out));
        const QString name = QStringLiteral(".trading-20260101-000000Z.db.partial-%1-0").arg(::getpid());
        QVERIFY(writeFile(out + QLatin1Char('/') + name, 1000));
        QCOMPARE(CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out},
                                m_env)
                     .exitCode,
                 0);
        QVERIFY(!namesIn(out).contains(name));
    }

    void backupsNeverListsPartials()
    {
        const QString out = m_dir.filePath(QStringLiteral("listing"));
        QCOMPARE(CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out},
                                m_env)
                     .exitCode,
                 0);
        QVERIFY(QDir().mkpath(out + QStringLiteral("/.bot-20260101-000000Z.partial-%1").arg(kGonePid)));
        QVERIFY(
            writeFile(out + QStringLiteral("/.bot-20260101-000000Z.partial-%1/x.db.manifest.json").arg(kGonePid), 10));
        QVERIFY(writeFile(out + QStringLiteral("/.x.db.partial-%1-0").arg(kGonePid), 10));
        QVERIFY(writeFile(out + QStringLiteral("/.x.db.manifest.json.partial-%1-0").arg(kGonePid), 10));
        const CliResult r =
            CliRunner::run({QStringLiteral("backups"), QStringLiteral("--dir"), out, QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QLatin1String("count")).toInt(), 1);
    }

    void backupsOfMissingFolderExitsThree()
    {
        const CliResult r = CliRunner::run(
            {QStringLiteral("backups"), QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("nowhere"))}, m_env);
        QCOMPARE(r.exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliBackup)
#include "tst_cli_backup.moc"
