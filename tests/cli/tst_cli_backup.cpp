// `dbops backup` and `dbops backups` as cron jobs and operators run them: JSON keys, exit codes, files.
#include "clirunner.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

using namespace dbops::test;

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
        for (const char *key : {"path", "bytes", "sha256", "manifest"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
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

    void backupsOfMissingFolderExitsThree()
    {
        const CliResult r = CliRunner::run(
            {QStringLiteral("backups"), QStringLiteral("--dir"), m_dir.filePath(QStringLiteral("nowhere"))}, m_env);
        QCOMPARE(r.exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliBackup)
#include "tst_cli_backup.moc"
