// Issue 19, the command line's half: `dbops restore --yes --force` into a store a real bot process keeps
// writing, 20 times in a row (with `dbops pool` polling beside it): the store passes integrity_check after
// each restore, the restore verifies, and the bot survives.
#include "clirunner.h"
#include "demo/demostore.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestCliForcedRestore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;

private Q_SLOTS:
    void initTestCase()
    {
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
    }

    void forcedRestoreUnderWriterKeepsTheStoreIntact()
    {
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        QVERIFY(!DemoStore::create(demo, DemoOptions::endingNow()).isError());
        const QString db = DemoStore::tradingDbPath(demo);
        const QString out = m_dir.filePath(QStringLiteral("backups"));
        const CliResult backup = CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), db,
                                                 QStringLiteral("--out"), out, QStringLiteral("--json")},
                                                m_env);
        QCOMPARE(backup.exitCode, 0);
        const QString path = backup.json().value(QStringLiteral("path")).toString();
        QCOMPARE(CliRunner::run({QStringLiteral("verify"), path}, m_env).exitCode, 0);

        QProcess writer;
        writer.setProcessChannelMode(QProcess::MergedChannels);
        writer.start(QStringLiteral(DBOPS_CLI_PATH),
                     {QStringLiteral("demo"), QStringLiteral("--simulate"), QStringLiteral("--db"), demo,
                      QStringLiteral("--interval"), QStringLiteral("20")});
        QVERIFY(writer.waitForStarted());
        QProcess poller; // monitoring beside the restore, as an operator's other terminal
        poller.start(QStringLiteral("sh"),
                     {QStringLiteral("-c"), QStringLiteral("while :; do \"$0\" pool --db \"$1\" >/dev/null 2>&1; done"),
                      QStringLiteral(DBOPS_CLI_PATH), db});
        QVERIFY(poller.waitForStarted());
        QTest::qWait(500);
        for (int i = 1; i <= 20; ++i) {
            const CliResult r =
                CliRunner::run({QStringLiteral("restore"), path, QStringLiteral("--db"), db, QStringLiteral("--yes"),
                                QStringLiteral("--force"), QStringLiteral("--json")},
                               m_env);
            const QString check = SqliteFixture::scalar(db, QStringLiteral("PRAGMA integrity_check")).toString();
            QVERIFY2(check == QLatin1String("ok"), qPrintable(QStringLiteral("trial %1: %2").arg(i).arg(check)));
            QVERIFY2(r.exitCode == 0,
                     qPrintable(
                         QStringLiteral("trial %1: exit %2: %3").arg(i).arg(r.exitCode).arg(QString::fromUtf8(r.err))));
            QVERIFY(r.json().value(QStringLiteral("verified_after")).toBool());
            QVERIFY2(writer.state() == QProcess::Running,
                     qPrintable(
                         QStringLiteral("trial %1: the bot died: %2").arg(i).arg(QString::fromUtf8(writer.readAll()))));
        }
        poller.kill();
        poller.waitForFinished();
        writer.terminate();
        if (!writer.waitForFinished(10000))
            writer.kill();
    }
};

QTEST_GUILESS_MAIN(TestCliForcedRestore)
#include "tst_cli_forcedrestore.moc"
