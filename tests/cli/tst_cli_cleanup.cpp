// `dbops cleanup` as cron or an operator runs it: the dry run's JSON keys and exact counts (exit 0, nothing
// changed), --apply without --yes (exit 1, nothing changed), --apply --yes (exit 0, safety backup, audited),
// protected tables refused (exit 2), bad input (exit 3), an interrupted job refusing a new one until resumed,
// and kill -9 mid-apply leaving every row in exactly one of table and archive.
#include "clirunner.h"
#include "retentionfixture.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>

using namespace dbops;
using dbops::test::CliResult;
using dbops::test::CliRunner;
using dbops::test::RetentionFixture;
using dbops::test::SqliteFixture;

namespace {

const QString kMarket = QStringLiteral("market_data:timestamp:7d:archived_market_data");

qint64 rows(const QString &path, const QString &tail)
{
    return SqliteFixture::scalar(path, QStringLiteral("SELECT count(*) FROM ") + tail).toLongLong();
}

QString errText(const CliResult &r) { return QString::fromUtf8(r.err + r.out).left(2000); }

} // namespace

class TestCliCleanup : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    QString m_db;

    CliResult cleanup(const QStringList &extra)
    {
        return CliRunner::run(QStringList{QStringLiteral("cleanup"), QStringLiteral("--db"), m_db} + extra, m_env);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = CliRunner::cleanEnvironment();
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("XDG_STATE_HOME"), m_home.filePath(QStringLiteral("state")));
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    }
    void init()
    {
        static int n = 0;
        m_db = m_home.filePath(QStringLiteral("bot-%1.db").arg(++n));
        QVERIFY(RetentionFixture::create(m_db, QDateTime::currentDateTimeUtc()));
    }

    void dryRunReportsTablesAndTotal()
    {
        const CliResult r =
            cleanup({QStringLiteral("--policy"), kMarket, QStringLiteral("--policy"),
                     QStringLiteral("candles:open_time:48h"), QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("total_rows")).toInteger(), 72 + 52);
        QCOMPARE(o.value(QStringLiteral("dry_run")).toBool(), true);
        const QJsonArray tables = o.value(QStringLiteral("tables")).toArray();
        QCOMPARE(tables.size(), 2);
        const QJsonObject market = tables[0].toObject();
        QCOMPARE(market.value(QStringLiteral("table")).toString(), QStringLiteral("market_data"));
        QCOMPARE(market.value(QStringLiteral("rows")).toInteger(), 72);
        for (const char *key : {"oldest", "newest"})
            QVERIFY2(!market.value(QLatin1String(key)).toString().isEmpty(), key);
        QCOMPARE(tables[1].toObject().value(QStringLiteral("rows")).toInteger(), 52);
        QCOMPARE(rows(m_db, QStringLiteral("market_data")), 240);
    }

    void applyWithoutYesChangesNothing()
    {
        const CliResult r = cleanup({QStringLiteral("--policy"), kMarket, QStringLiteral("--apply")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(QString::fromUtf8(r.out).contains(QLatin1String("--yes")));
        QCOMPARE(rows(m_db, QStringLiteral("market_data")), 240);
    }

    void applyYesDeletesArchivesAndBacksUpFirst()
    {
        const QString safety = m_home.filePath(QStringLiteral("safety"));
        const CliResult r =
            cleanup({QStringLiteral("--policy"), kMarket, QStringLiteral("--apply"), QStringLiteral("--yes"),
                     QStringLiteral("--backup-dir"), safety, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
        QCOMPARE(o.value(QStringLiteral("deleted")).toInteger(), 72);
        QCOMPARE(o.value(QStringLiteral("archived")).toInteger(), 72);
        QCOMPARE(rows(m_db, QStringLiteral("market_data")), 168);
        QCOMPARE(rows(m_db, QStringLiteral("archived_market_data")), 72);
        const QString backup = o.value(QStringLiteral("safety_backup")).toString();
        QVERIFY(backup.startsWith(safety));
        QVERIFY2(backup.contains(QLatin1String("-pre-cleanup-")), qPrintable(backup)); // named for what it precedes
        QCOMPARE(rows(backup, QStringLiteral("market_data")), 240);
    }

    void applyReportsTheSpaceItFreed()
    {
        // 4000 rows of ~1 KiB a minute apart, the older half expired (30 s clear of the cut-off): their pages go
        // to the file's free list.
        const QString db = m_home.filePath(QStringLiteral("space.db"));
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(SqliteFixture::create(
            db,
            {QStringLiteral("CREATE TABLE ticks (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, payload TEXT)"),
             QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 3999) "
                            "INSERT INTO ticks (ts, payload) SELECT %1 + 30 - (4000 - i) * 60, printf('%.1000d', i) "
                            "FROM n")
                 .arg(now)},
            true));
        const CliResult r =
            CliRunner::run({QStringLiteral("cleanup"), QStringLiteral("--db"), db, QStringLiteral("--policy"),
                            QStringLiteral("ticks:ts:2000m"), QStringLiteral("--apply"), QStringLiteral("--yes"),
                            QStringLiteral("--no-safety-backup"), QStringLiteral("--json")},
                           m_env);
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("deleted")).toInteger(), 2000);
        const qint64 freeNow =
            SqliteFixture::scalar(db, QStringLiteral("SELECT freelist_count * page_size FROM pragma_freelist_count, "
                                                     "pragma_page_size"))
                .toLongLong();
        QVERIFY2(freeNow > 2000 * 1000, qPrintable(QString::number(freeNow)));
        QCOMPARE(o.value(QStringLiteral("freed_bytes")).toInteger(), freeNow);
    }

    void applyIsAudited()
    {
        QCOMPARE(cleanup({QStringLiteral("--policy"), QStringLiteral("candles:open_time:48h"),
                          QStringLiteral("--apply"), QStringLiteral("--yes"), QStringLiteral("--no-safety-backup")})
                     .exitCode,
                 0);
        const QString state = m_home.filePath(QStringLiteral("data/dbops/state.db"));
        QCOMPARE(SqliteFixture::scalar(state, QStringLiteral("SELECT outcome || ' ' || detail FROM audit WHERE "
                                                             "action = 'cleanup' ORDER BY id DESC LIMIT 1"))
                     .toString(),
                 QStringLiteral("ok candles: 52 rows deleted"));
    }

    void protectedTableIsRefused()
    {
        const CliResult r = cleanup({QStringLiteral("--policy"), QStringLiteral("trades:created_at:7d"),
                                     QStringLiteral("--apply"), QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(QString::fromUtf8(r.err).contains(QLatin1String("--unlock trades")));
        QCOMPARE(rows(m_db, QStringLiteral("trades")), 50);
    }

    void badInputIsOneClearLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no policy") << QStringList{} << "no retention policy";
        QTest::newRow("bad keep") << QStringList{"--policy", "market_data:timestamp:7x"} << "not a duration";
        QTest::newRow("no table") << QStringList{"--policy", "klines:ts:7d"} << "no table klines";
        QTest::newRow("not a time column") << QStringList{"--policy", "market_data:symbol:7d"} << "does not hold times";
        QTest::newRow("bad batch") << QStringList{"--policy", kMarket, "--batch-rows", "lots"} << "--batch-rows";
        QTest::newRow("nothing to resume") << QStringList{"--resume"} << "no interrupted cleanup";
        // --unlock of something no policy of the run is on: refused, naming what can be unlocked.
        QTest::newRow("unlock of a table no policy is on")
            << QStringList{"--policy", kMarket, "--unlock", "trades"}
            << "--unlock trades: no policy of this run is on a protected table trades — no policy here is on a "
               "protected table, so nothing needs unlocking: drop --unlock";
        QTest::newRow("unlock misspelt") << QStringList{"--policy", "trades:created_at:7d", "--unlock", "trade"}
                                         << "the protected tables your policies are on: trades";
        QTest::newRow("unlock of a file") << QStringList{"--policy", kMarket, "--unlock", "/nowhere/locks.db"}
                                          << "--unlock /nowhere/locks.db: no policy";
    }
    void badInputIsOneClearLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const CliResult r = cleanup(args);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(mentions), qPrintable(r.errLines().first()));
    }

    void interruptedJobBlocksANewOneUntilResumed()
    {
        const QStringList policy{QStringLiteral("--policy"), kMarket, QStringLiteral("--no-safety-backup"),
                                 QStringLiteral("--pause-ms"), QStringLiteral("0")};
        CliResult r = cleanup(policy + QStringList{"--apply", "--yes", "--batch-rows", "10", "--max-batches", "2"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(rows(m_db, QStringLiteral("archived_market_data")), 20);
        r = cleanup(policy + QStringList{"--apply", "--yes"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(QString::fromUtf8(r.err).contains(QLatin1String("--resume")));
        QCOMPARE(rows(m_db, QStringLiteral("archived_market_data")), 20);
        r = cleanup({QStringLiteral("--resume"), QStringLiteral("--apply"), QStringLiteral("--yes"),
                     QStringLiteral("--no-safety-backup"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        QCOMPARE(r.json().value(QStringLiteral("resumed")).toBool(), true);
        QCOMPARE(r.json().value(QStringLiteral("deleted")).toInteger(), 52);
        QCOMPARE(rows(m_db, QStringLiteral("market_data")), 168);
        QCOMPARE(rows(m_db, QStringLiteral("archived_market_data")), 72);
    }

    void resumeKeepsTheInterruptedJobsUnlock()
    {
        // The job could only start with trades unlocked; finishing it is the same decision, as in the console.
        const QStringList policy{QStringLiteral("--policy"), QStringLiteral("trades:created_at:30d"),
                                 QStringLiteral("--no-safety-backup"), QStringLiteral("--pause-ms"),
                                 QStringLiteral("0")};
        CliResult r = cleanup(
            policy + QStringList{"--unlock", "trades", "--apply", "--yes", "--batch-rows", "5", "--max-batches", "1"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(rows(m_db, QStringLiteral("trades")), 45);
        r = cleanup({QStringLiteral("--resume"), QStringLiteral("--apply"), QStringLiteral("--yes"),
                     QStringLiteral("--no-safety-backup")});
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        QCOMPARE(rows(m_db, QStringLiteral("trades")), 30);
    }

    void killedMidApplyLeavesEveryRowOnce()
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(QStringLiteral(DBOPS_CLI_PATH),
                {QStringLiteral("cleanup"), QStringLiteral("--db"), m_db, QStringLiteral("--policy"), kMarket,
                 QStringLiteral("--apply"), QStringLiteral("--yes"), QStringLiteral("--no-safety-backup"),
                 QStringLiteral("--batch-rows"), QStringLiteral("1"), QStringLiteral("--pause-ms"),
                 QStringLiteral("10")});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(rows(m_db, QStringLiteral("archived_market_data")) >= 5, 20000);
        ::kill(pid_t(p.processId()), SIGKILL);
        p.waitForFinished();
        const qint64 archived = rows(m_db, QStringLiteral("archived_market_data"));
        QVERIFY(archived < 72);
        QCOMPARE(rows(m_db, QStringLiteral("market_data")) + archived, 240);
        QCOMPARE(rows(m_db, QStringLiteral("archived_market_data a JOIN market_data USING (id)")), 0);
        QCOMPARE(SqliteFixture::scalar(m_db, QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
        const CliResult r = cleanup({QStringLiteral("--resume"), QStringLiteral("--apply"), QStringLiteral("--yes"),
                                     QStringLiteral("--no-safety-backup")});
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        QCOMPARE(rows(m_db, QStringLiteral("archived_market_data")), 72);
        QCOMPARE(rows(m_db, QStringLiteral("market_data")), 168);
    }
};

QTEST_GUILESS_MAIN(TestCliCleanup)
#include "tst_cli_cleanup.moc"
