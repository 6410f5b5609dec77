// `dbops restore` as an operator runs it: preview without --yes (exit 1, nothing changed), restore with --yes
// (exit 0), refusals (exit 2), bad input (exit 3), the JSON keys, and kill -9 in the middle of a restore.
#include "audit/auditlog.h"
#include "clirunner.h"
#include "ops/sha256.h"
#include "restorefixture.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>

using namespace dbops;
using dbops::test::CliResult;
using dbops::test::CliRunner;
using dbops::test::RestoreFixture;
using dbops::test::SqliteFixture;

namespace {

QString sha(const QString &path) { return Sha256::ofFile(path).value(); }

QString errText(const CliResult &r) { return QString::fromUtf8(r.err + r.out).left(2000); }

} // namespace

class TestCliRestore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    QString m_dir, m_live, m_backup, m_safety;

    CliResult restore(const QStringList &extra)
    {
        return CliRunner::run(QStringList{QStringLiteral("restore"), m_backup, QStringLiteral("--db"), m_live,
                                          QStringLiteral("--safety-dir"), m_safety} +
                                  extra,
                              m_env);
    }
    QString backupOf(const QString &db, const QString &outDir)
    {
        const CliResult r = CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), db,
                                            QStringLiteral("--out"), outDir, QStringLiteral("--json")},
                                           m_env);
        if (r.exitCode != 0)
            qWarning("backup failed: %s", qPrintable(errText(r)));
        return r.json().value(QLatin1String("path")).toString();
    }

    // A store backed up, then one trade deleted and a back-dated one (id 11, older than every trade) inserted:
    // no row is newer than the backup, yet the restore takes the back-dated row away. Returns the backup.
    QString backdatedStore(const QString &live)
    {
        if (!SqliteFixture::createTradingStore(live, 10))
            return {};
        const QString backup = backupOf(live, m_dir + QStringLiteral("/backdated-backups"));
        if (backup.isEmpty() || !SqliteFixture::exec(live, QStringLiteral("DELETE FROM trades WHERE id = 3")) ||
            !SqliteFixture::exec(live, QStringLiteral("INSERT INTO trades VALUES "
                                                      "(11, 'BTCUSDT', 1, '2025-12-31T00:00:00Z')")))
            return {};
        return backup;
    }
    CliResult previewOf(const QString &backup, const QString &live, const QStringList &extra = {})
    {
        return CliRunner::run(QStringList{QStringLiteral("restore"), backup, QStringLiteral("--db"), live,
                                          QStringLiteral("--safety-dir"), m_safety} +
                                  extra,
                              m_env);
    }
    static QJsonObject tableIn(const QJsonArray &tables, const QString &name)
    {
        for (const QJsonValue &t : tables)
            if (t.toObject().value(QLatin1String("name")).toString() == name)
                return t.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = CliRunner::cleanEnvironment();
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("XDG_STATE_HOME"), m_home.filePath(QStringLiteral("state")));
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    }

    // 10 trades backed up, then 7 more (and more: RestoreFixture).
    void init()
    {
        m_dir =
            m_home.filePath(QString::fromLatin1(QTest::currentTestFunction()) + QLatin1Char('-') +
                            QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
        QVERIFY(QDir().mkpath(m_dir));
        m_live = m_dir + QStringLiteral("/trading.db");
        m_safety = m_dir + QStringLiteral("/safety");
        m_backup = RestoreFixture::createDivergedStore(m_live, m_dir + QStringLiteral("/backups"));
        QVERIFY(QFileInfo(m_backup).isFile());
    }

    void previewExitsOneAndChangesNothing()
    {
        const QString before = sha(m_live);
        const CliResult r = restore({QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("preview"));
        QVERIFY(o.value(QLatin1String("writers")).isArray());
        const QJsonArray tables = o.value(QLatin1String("impact")).toObject().value(QLatin1String("tables")).toArray();
        QJsonObject trades;
        for (const QJsonValue &t : tables)
            if (t.toObject().value(QLatin1String("name")).toString() == QLatin1String("trades"))
                trades = t.toObject();
        QCOMPARE(trades.value(QLatin1String("rows_now")).toInteger(), 17);
        QCOMPARE(trades.value(QLatin1String("rows_backup")).toInteger(), 10);
        QCOMPARE(trades.value(QLatin1String("rows_lost_estimate")).toInteger(), 7);
        QCOMPARE(trades.value(QLatin1String("newest_now")).toString(), QStringLiteral("2026-02-01T00:07:00Z"));
        QCOMPARE(trades.value(QLatin1String("newest_backup")).toString(), QStringLiteral("2026-01-01T00:10:00Z"));
        QCOMPARE(sha(m_live), before);
        QVERIFY(!QFileInfo::exists(m_safety));
    }

    void previewTextSaysHowToProceed()
    {
        const CliResult r = restore({});
        QCOMPARE(r.exitCode, 1);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QLatin1String("7 trades rows newer than the backup will be lost")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("--yes")), qPrintable(out));
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("trades")), 17);
    }

    void previewTextCountsBackdatedRowsAsLost()
    {
        const QString live = m_dir + QStringLiteral("/backdated.db");
        const QString backup = backdatedStore(live);
        QVERIFY(!backup.isEmpty());
        const CliResult r = previewOf(backup, live);
        QCOMPARE(r.exitCode, 1);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QLatin1String("1 trades rows whose id the backup lacks will be lost")), qPrintable(out));
        QVERIFY2(!out.contains(QLatin1String("nothing will be lost")), qPrintable(out));
    }

    void previewJsonCountsBackdatedRowsByKey()
    {
        const QString live = m_dir + QStringLiteral("/backdated.db");
        const QString backup = backdatedStore(live);
        QVERIFY(!backup.isEmpty());
        const CliResult r = previewOf(backup, live, {QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject impact = r.json().value(QLatin1String("impact")).toObject();
        const QJsonObject trades = tableIn(impact.value(QLatin1String("tables")).toArray(), QStringLiteral("trades"));
        QCOMPARE(trades.value(QLatin1String("rows_lost")).toInteger(), 1);
        QCOMPARE(trades.value(QLatin1String("rows_newer")).toInteger(), 0);
        QCOMPARE(trades.value(QLatin1String("rows_lost_estimate")).toInteger(), 1);
        QCOMPARE(trades.value(QLatin1String("lost_by")).toString(), QStringLiteral("key"));
        QCOMPARE(trades.value(QLatin1String("key")).toString(), QStringLiteral("id"));
        QCOMPARE(impact.value(QLatin1String("rows_lost")).toInteger(), 1);
    }

    void previewListsTablesThatLoseRowsFirst()
    {
        const QString live = m_dir + QStringLiteral("/backdated.db");
        const QString backup = backdatedStore(live);
        QVERIFY(!backup.isEmpty());
        const CliResult r = previewOf(backup, live, {QStringLiteral("--json")});
        const QJsonArray tables =
            r.json().value(QLatin1String("impact")).toObject().value(QLatin1String("tables")).toArray();
        QCOMPARE(tables.size(), 3); // orders, positions, trades: trades alone loses a row
        QCOMPARE(tables.first().toObject().value(QLatin1String("name")).toString(), QStringLiteral("trades"));
    }

    void yesRestoresAndReportsTheKeys()
    {
        const CliResult r = restore({QStringLiteral("--yes"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("restored"));
        QCOMPARE(o.value(QLatin1String("verified_after")).toBool(), true);
        QVERIFY(o.value(QLatin1String("impact")).isObject());
        QVERIFY(o.value(QLatin1String("writers")).isArray());
        const QString safety =
            o.value(QLatin1String("safety_backup")).toObject().value(QLatin1String("path")).toString();
        QVERIFY2(QFileInfo(safety).isFile(), qPrintable(safety));
        QCOMPARE(SqliteFixture::rows(safety, QStringLiteral("trades")), 17);
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("trades")), 10);
    }

    void corruptBackupIsRefusedWithExitTwo()
    {
        QFile f(m_backup);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(f.size() - 10);
        f.write("xxxxxxxx");
        f.close();
        const QString before = sha(m_live);
        const CliResult r = restore({QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("refused"));
        QVERIFY2(errText(r).contains(QLatin1String("checksum")), qPrintable(errText(r)));
        QCOMPARE(sha(m_live), before);
        QVERIFY(!QFileInfo::exists(m_safety));
    }

    void badInputExitsThree_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no backup path") << QStringList{QStringLiteral("restore"), QStringLiteral("--db"),
                                                       QStringLiteral("LIVE")};
        QTest::newRow("missing backup") << QStringList{QStringLiteral("restore"), QStringLiteral("/nonexistent/b.db"),
                                                       QStringLiteral("--db"), QStringLiteral("LIVE"),
                                                       QStringLiteral("--yes")};
        QTest::newRow("to and to-database")
            << QStringList{QStringLiteral("restore"),       QStringLiteral("BACKUP"), QStringLiteral("--db"),
                           QStringLiteral("LIVE"),          QStringLiteral("--to"),   QStringLiteral("/tmp/x.db"),
                           QStringLiteral("--to-database"), QStringLiteral("x")};
        QTest::newRow("to an existing file")
            << QStringList{QStringLiteral("restore"), QStringLiteral("BACKUP"), QStringLiteral("--db"),
                           QStringLiteral("LIVE"),    QStringLiteral("--to"),   QStringLiteral("LIVE")};
    }
    void badInputExitsThree()
    {
        QFETCH(QStringList, args);
        args.replaceInStrings(QStringLiteral("LIVE"), m_live).replaceInStrings(QStringLiteral("BACKUP"), m_backup);
        const QString before = sha(m_live);
        const CliResult r = CliRunner::run(args << QStringLiteral("--json"), m_env);
        QVERIFY2(r.exitCode == 3, qPrintable(QString::number(r.exitCode) + errText(r)));
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("error"));
        QCOMPARE(sha(m_live), before);
    }

    void writerIsRefusedUnlessForced()
    {
        QProcess bot;
        bot.start(QStringLiteral("bash"),
                  {QStringLiteral("-c"), QStringLiteral("exec 3<\"$0\"; echo ready; exec sleep 60"), m_live});
        QVERIFY(bot.waitForStarted() && bot.waitForReadyRead(5000));
        const qint64 pid = bot.processId();
        const CliResult refused = restore({QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(refused.exitCode, 2);
        const QJsonObject o = refused.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("refused"));
        QCOMPARE(o.value(QLatin1String("writers"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("pids"))
                     .toArray()
                     .first()
                     .toInteger(),
                 pid);
        QVERIFY(o.value(QLatin1String("safety_backup")).isNull());
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("trades")), 17);

        const CliResult forced =
            restore({QStringLiteral("--yes"), QStringLiteral("--force"), QStringLiteral("--json")});
        bot.kill();
        bot.waitForFinished();
        QVERIFY2(forced.exitCode == 0, qPrintable(errText(forced)));
        QCOMPARE(forced.json().value(QLatin1String("forced")).toBool(), true);
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("trades")), 10);
    }

    void restoreToANewPath()
    {
        const QString target = m_dir + QStringLiteral("/restored.db");
        const CliResult r =
            restore({QStringLiteral("--yes"), QStringLiteral("--to"), target, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        QCOMPARE(SqliteFixture::rows(target, QStringLiteral("trades")), 10);
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("trades")), 17);
        QVERIFY(r.json().value(QLatin1String("safety_backup")).isNull());
    }

    // `restore BACKUP --to NEW` without --db: the live target is only guessed (data/trading.db of the working
    // folder, which does not exist); the audit names the store the backup was taken of.
    void restoreToANewPathIsAuditedAgainstTheBackupsSource()
    {
        const QString target = m_dir + QStringLiteral("/restored.db");
        const QString elsewhere = m_dir + QStringLiteral("/elsewhere");
        QVERIFY(QDir().mkpath(elsewhere));
        const CliResult r = CliRunner::run({QStringLiteral("restore"), m_backup, QStringLiteral("--to"), target,
                                            QStringLiteral("--yes"), QStringLiteral("--json")},
                                           m_env, elsewhere);
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        const auto records =
            AuditLog(m_home.filePath(QStringLiteral("data")) + QStringLiteral("/dbops/state.db")).recent(1);
        QVERIFY(records.ok());
        QCOMPARE(records->size(), 1);
        const AuditRecord &audit = records->first();
        QCOMPARE(audit.action, QStringLiteral("restore"));
        QCOMPARE(audit.target, QFileInfo(m_live).absoluteFilePath());
        QVERIFY2(audit.parameters.contains(QStringLiteral("to=") + QFileInfo(target).absoluteFilePath()),
                 qPrintable(audit.parameters));
    }

    // A data directory backup restored with --db DATA_DIR: every store, exact row counts, one safety backup.
    void dataDirPreviewChangesNothing()
    {
        const QString data = m_dir + QStringLiteral("/bot");
        const QString backup = RestoreFixture::createDivergedDataDir(data, m_dir + QStringLiteral("/backups"));
        QVERIFY(!backup.isEmpty());
        const CliResult r = CliRunner::run({QStringLiteral("restore"), backup, QStringLiteral("--db"), data,
                                            QStringLiteral("--safety-dir"), m_safety, QStringLiteral("--json")},
                                           m_env);
        QVERIFY2(r.exitCode == 1, qPrintable(errText(r)));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("preview"));
        QCOMPARE(o.value(QLatin1String("stores")).toArray().size(), 2);
        QCOMPARE(o.value(QLatin1String("impact")).toObject().value(QLatin1String("rows_lost")).toInteger(),
                 RestoreFixture::kNewerTrades + RestoreFixture::kNewerOrders + RestoreFixture::kScratchRows +
                     RestoreFixture::kNewerSignals);
        QCOMPARE(SqliteFixture::rows(data + QStringLiteral("/trading/trading.db"), QStringLiteral("trades")), 17);
        QCOMPARE(SqliteFixture::rows(data + QStringLiteral("/research/signals.db"), QStringLiteral("signals")), 7);
        QVERIFY(!QFileInfo::exists(m_safety));
    }

    void dataDirYesRestoresEveryStoreExactly()
    {
        const QString data = m_dir + QStringLiteral("/bot");
        const QString backup = RestoreFixture::createDivergedDataDir(data, m_dir + QStringLiteral("/backups"));
        QVERIFY(!backup.isEmpty());
        const CliResult r = CliRunner::run({QStringLiteral("restore"), backup, QStringLiteral("--db"), data,
                                            QStringLiteral("--safety-dir"), m_safety, QStringLiteral("--yes"),
                                            QStringLiteral("--json")},
                                           m_env);
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("restored"));
        QCOMPARE(o.value(QLatin1String("verified_after")).toBool(), true);
        const QJsonArray stores = o.value(QLatin1String("stores")).toArray();
        QCOMPARE(stores.size(), 2);
        for (const QJsonValue &v : stores)
            QCOMPARE(v.toObject().value(QLatin1String("status")).toString(), QStringLiteral("restored"));
        const QString trading = data + QStringLiteral("/trading/trading.db");
        const QString signalsDb = data + QStringLiteral("/research/signals.db");
        QCOMPARE(SqliteFixture::rows(trading, QStringLiteral("trades")), RestoreFixture::kBackupTrades);
        QCOMPARE(SqliteFixture::rows(trading, QStringLiteral("orders")), 0);
        QCOMPARE(SqliteFixture::scalar(trading, QStringLiteral("PRAGMA user_version")).toInt(), 4);
        QCOMPARE(SqliteFixture::scalar(trading, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = "
                                                               "'scratch'"))
                     .toInt(),
                 0);
        QCOMPARE(SqliteFixture::rows(signalsDb, QStringLiteral("signals")), RestoreFixture::kBackupSignals);
        // The safety backup holds the whole directory as it was.
        const QString safety =
            o.value(QLatin1String("safety_backup")).toObject().value(QLatin1String("path")).toString();
        QVERIFY2(QFileInfo(safety).isDir(), qPrintable(safety));
        QCOMPARE(SqliteFixture::rows(safety + QStringLiteral("/trading/trading.db"), QStringLiteral("trades")), 17);
        QCOMPARE(SqliteFixture::rows(safety + QStringLiteral("/research/signals.db"), QStringLiteral("signals")), 7);
    }

    void dataDirStoreWithAWriterIsRefusedNamingIt()
    {
        const QString data = m_dir + QStringLiteral("/bot");
        const QString backup = RestoreFixture::createDivergedDataDir(data, m_dir + QStringLiteral("/backups"));
        QVERIFY(!backup.isEmpty());
        const QString signalsDb = data + QStringLiteral("/research/signals.db");
        QProcess bot;
        bot.start(QStringLiteral("bash"),
                  {QStringLiteral("-c"), QStringLiteral("exec 3<\"$0\"; echo ready; exec sleep 60"), signalsDb});
        QVERIFY(bot.waitForStarted() && bot.waitForReadyRead(5000));
        const CliResult r = CliRunner::run({QStringLiteral("restore"), backup, QStringLiteral("--db"), data,
                                            QStringLiteral("--safety-dir"), m_safety, QStringLiteral("--yes"),
                                            QStringLiteral("--json")},
                                           m_env);
        const qint64 pid = bot.processId();
        bot.kill();
        bot.waitForFinished();
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("refused"));
        const QString message =
            r.json().value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
        QVERIFY2(message.contains(QLatin1String("research/signals.db")) && message.contains(QString::number(pid)),
                 qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("trading/trading.db")), qPrintable(message));
        QCOMPARE(SqliteFixture::rows(data + QStringLiteral("/trading/trading.db"), QStringLiteral("trades")), 17);
        QCOMPARE(SqliteFixture::rows(signalsDb, QStringLiteral("signals")), 7);
        QVERIFY(!QFileInfo::exists(m_safety));
    }

    // kill -9 at random points of a restore: the live database is the old or the new content, passes
    // integrity_check, and the safety backup exists.
    void killMidRestoreLeavesOldOrNew_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::newRow("wal") << true;
        QTest::newRow("rollback journal") << false;
    }
    void killMidRestoreLeavesOldOrNew()
    {
        QFETCH(bool, wal);
        const QString big = m_dir + QStringLiteral("/big.db");
        QVERIFY(SqliteFixture::createTradingStore(big, 10, wal));
        QVERIFY(SqliteFixture::create(
            big,
            {QStringLiteral("CREATE TABLE blobs (id INTEGER PRIMARY KEY, payload BLOB)"),
             QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 60000) "
                            "INSERT INTO blobs SELECT x, randomblob(1000) FROM c")},
            wal));
        const QString backup = backupOf(big, m_dir + QStringLiteral("/bigbackups"));
        QVERIFY(QFileInfo(backup).isFile());
        const QString safety = m_dir + QStringLiteral("/bigsafety");
        int killedMidway = 0;
        for (int round = 0; round < 6; ++round) {
            // Make "old" differ from the backup again.
            QVERIFY(SqliteFixture::create(big,
                                          {QStringLiteral("DELETE FROM blobs WHERE id % 3 = 0"),
                                           QStringLiteral("INSERT INTO trades (symbol) VALUES ('R%1')").arg(round)},
                                          wal));
            const qint64 oldTrades = SqliteFixture::rows(big, QStringLiteral("trades"));
            const int safetyBefore = QDir(safety).entryList({QStringLiteral("*.manifest.json")}).size();
            QProcess p;
            p.setProcessEnvironment(m_env);
            p.start(QStringLiteral(DBOPS_CLI_PATH),
                    {QStringLiteral("restore"), backup, QStringLiteral("--db"), big, QStringLiteral("--yes"),
                     QStringLiteral("--force"), QStringLiteral("--safety-dir"), safety});
            QVERIFY(p.waitForStarted());
            QElapsedTimer t;
            t.start();
            while (QDir(safety).entryList({QStringLiteral("*.manifest.json")}).size() == safetyBefore &&
                   t.elapsed() < 30000 && p.state() == QProcess::Running)
                QThread::msleep(2);
            QThread::msleep(QRandomGenerator::global()->bounded(0, 250));
            const bool stillRunning = p.state() == QProcess::Running;
            ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished();
            killedMidway += stillRunning ? 1 : 0;

            // The next read-write reader (the bot) rolls a hot journal back; a read-only one could not.
            QVERIFY(SqliteFixture::create(big, {QStringLiteral("SELECT count(*) FROM sqlite_schema")}, false));
            QCOMPARE(SqliteFixture::scalar(big, QStringLiteral("PRAGMA integrity_check")).toString(),
                     QStringLiteral("ok"));
            const qint64 trades = SqliteFixture::rows(big, QStringLiteral("trades"));
            QVERIFY2(trades == oldTrades || trades == 10,
                     qPrintable(QStringLiteral("%1 trades, old %2").arg(trades).arg(oldTrades)));
            const qint64 blobs = SqliteFixture::rows(big, QStringLiteral("blobs"));
            QVERIFY2((trades == 10) == (blobs == 60000),
                     qPrintable(QStringLiteral("mixed content: %1 trades, %2 blobs").arg(trades).arg(blobs)));
            QCOMPARE(QDir(safety).entryList({QStringLiteral("*.manifest.json")}).size(), safetyBefore + 1);
        }
        QVERIFY2(killedMidway > 0, "no kill landed while the restore ran");
    }
};

QTEST_GUILESS_MAIN(TestCliRestore)
#include "tst_cli_restore.moc"
