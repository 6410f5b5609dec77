// The SQLite "pool" view on real files: a real writer holding the lock (seen, never taken), real processes
// holding the file, WAL frames and the WAL index's checkpoint state read without checkpointing, the opt-in
// active probes (a PASSIVE checkpoint held back by a reader), lock files with live and stale PIDs.
#include "activity/poolprobe.h"
#include "botconnection.h"
#include "heldlock.h"
#include "sqlitefixture.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::HeldLock;
using namespace dbops::test;

class TestSqlitePool : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void init()
    {
        m_db = m_dir.filePath(QStringLiteral("trading-%1.db").arg(QTest::currentTestFunction()));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 50, true));
    }

    void writeLockFreeWhenNobodyWrites()
    {
        const SqlitePool pool = SqlitePoolProbe::probe(m_db, {});
        QCOMPARE(pool.journalMode, QStringLiteral("wal"));
        QCOMPARE(pool.writeLock, SqlitePool::WriteLock::Free);
        QCOMPARE(pool.severity, Severity::Good);
    }

    void writeLockHeldByARealWriterWhoKeepsIt()
    {
        BotConnection bot(m_db);
        QVERIFY(bot.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(bot.exec(QStringLiteral("INSERT INTO trades (symbol, price, created_at) VALUES ('X', 1, 'now')")));
        const SqlitePool pool = SqlitePoolProbe::probe(m_db, {});
        QCOMPARE(pool.writeLock, SqlitePool::WriteLock::Held);
        QCOMPARE(pool.writeLockPids, QList<qint64>{QCoreApplication::applicationPid()});
        QVERIFY(pool.writeLockText().startsWith(
            QStringLiteral("held by pid %1 (this console)").arg(QCoreApplication::applicationPid())));
        // The probe never disturbed the writer: its transaction commits.
        QVERIFY(bot.exec(QStringLiteral("COMMIT")));
        QCOMPARE(SqliteFixture::scalar(m_db, QStringLiteral("SELECT count(*) FROM trades")).toInt(), 51);
        QCOMPARE(SqlitePoolProbe::probe(m_db, {}).writeLock, SqlitePool::WriteLock::Free);
    }

    void listsProcessesHoldingTheFiles()
    {
        QProcess holder;
        holder.start(QStringLiteral("sh"),
                     {QStringLiteral("-c"), QStringLiteral("exec 3<\"$0\"; exec sleep 30"), m_db});
        QVERIFY(holder.waitForStarted());
        QTest::qWait(200);
        BotConnection self(m_db);
        QVERIFY(self.exec(QStringLiteral("SELECT count(*) FROM trades")));
        const SqlitePool pool = SqlitePoolProbe::probe(m_db, {});
        const qint64 childPid = holder.processId();
        holder.kill();
        holder.waitForFinished();
        const QString canonical = QFileInfo(m_db).canonicalFilePath();
        bool sawChild = false, sawSelf = false;
        for (const FileHolder &h : pool.holders.holders) {
            if (h.pid == childPid) {
                sawChild = true;
                QCOMPARE(h.files, QStringList{canonical});
                QCOMPARE(h.command, QStringLiteral("sleep"));
            }
            if (h.pid == QCoreApplication::applicationPid()) {
                sawSelf = true;
                QVERIFY(h.isSelf);
                QVERIFY(h.files.contains(canonical));
                QVERIFY(h.files.contains(canonical + QStringLiteral("-wal")));
            }
        }
        QVERIFY(sawChild);
        QVERIFY(sawSelf);
    }

    // Frames of a first transaction, copied back by the bot's own checkpoint, then more frames that a reader's
    // snapshot keeps from being copied: returns the first transaction's frame count (-1 on failure).
    static qint64 walWithCheckpointHeldBack(BotConnection &writer, BotConnection &reader, const QString &db)
    {
        if (!writer.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0")) ||
            !writer.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) ||
            !writer.exec(QStringLiteral("INSERT INTO trades (symbol, price, created_at) VALUES ('A', 1, 'x')")))
            return -1;
        const qint64 pageSize = SqliteFixture::scalar(db, QStringLiteral("PRAGMA page_size")).toLongLong();
        const qint64 before = (QFileInfo(db + QStringLiteral("-wal")).size() - 32) / (pageSize + 24);
        if (!reader.exec(QStringLiteral("BEGIN")) || !reader.exec(QStringLiteral("SELECT count(*) FROM trades")))
            return -1; // holds its snapshot
        for (int i = 0; i < 20; ++i)
            if (!writer.exec(QStringLiteral("INSERT INTO trades (symbol, price, created_at) "
                                            "VALUES ('B', %1, zeroblob(3000))")
                                 .arg(i)))
                return -1;
        return before;
    }

    void walIndexGivesTheCheckpointStateWithoutCheckpointing()
    {
        BotConnection writer(m_db);
        BotConnection reader(m_db);
        const qint64 before = walWithCheckpointHeldBack(writer, reader, m_db);
        QVERIFY(before > 0);
        QVERIFY(writer.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"))); // the bot's: stops at the reader
        const qint64 mainBytes = QFileInfo(m_db).size();
        const SqlitePool pool = SqlitePoolProbe::probe(m_db, {});
        QVERIFY(!pool.checkpoint.ran);
        QCOMPARE(pool.checkpoint.source, QStringLiteral("wal_index"));
        QCOMPARE(qint64(pool.checkpoint.logFrames), pool.walFrames);
        QVERIFY(pool.walFrames > before);
        QCOMPARE(qint64(pool.checkpoint.checkpointed), before);
        QCOMPARE(QFileInfo(m_db).size(), mainBytes);
        QVERIFY(reader.exec(QStringLiteral("COMMIT")));
        // Nothing was copied back by the probe: the frames past the reader still wait for the bot's checkpoint.
        QCOMPARE(qint64(SqlitePoolProbe::probe(m_db, {}).checkpoint.checkpointed), before);
    }

    void activeCheckpointIsHeldBackByAReader()
    {
        BotConnection writer(m_db);
        BotConnection reader(m_db);
        const qint64 before = walWithCheckpointHeldBack(writer, reader, m_db);
        QVERIFY(before > 0);
        PoolOptions active;
        active.activeProbes = true;
        const SqlitePool pool = SqlitePoolProbe::probe(m_db, active);
        QVERIFY(pool.activeProbes);
        QVERIFY(pool.checkpoint.ran);
        QCOMPARE(pool.checkpoint.source, QStringLiteral("checkpoint"));
        QCOMPARE(qint64(pool.checkpoint.logFrames), pool.walFrames);
        QCOMPARE(qint64(pool.checkpoint.checkpointed), before); // nothing past the reader's snapshot
        QCOMPARE(pool.walBytes, QFileInfo(m_db + QStringLiteral("-wal")).size());
        reader.exec(QStringLiteral("COMMIT"));
        const SqlitePool after = SqlitePoolProbe::probe(m_db, active);
        QCOMPARE(after.checkpoint.checkpointed, after.checkpoint.logFrames);
    }

    void activeProbesAreOffByDefault()
    {
        QVERIFY(!PoolOptions().activeProbes);
        const SqlitePool pool = SqlitePoolProbe::probe(m_db, {});
        QVERIFY(!pool.activeProbes);
        QVERIFY(!pool.checkpoint.ran);
        QCOMPARE(pool.lockProbeMs, 0.0);
        QCOMPARE(pool.toJson().value(QStringLiteral("active_probes")).toBool(), false);
    }

    void activeProbesWithoutTheCheckpoint()
    {
        PoolOptions options;
        options.activeProbes = true;
        options.checkpoint = false;
        const SqlitePool pool = SqlitePoolProbe::probe(m_db, options);
        QVERIFY(pool.activeProbes);
        QVERIFY(pool.lockProbeMs > 0);
        QVERIFY(!pool.checkpoint.ran);
    }

    void lockFilesWithLiveAndStalePids()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 5, true));
        auto write = [&](const QString &name, qint64 pid) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::number(pid));
        };
        HeldLock bot(dir.filePath(QStringLiteral("bot.lock"))); // a running bot holds its lock
        write(QStringLiteral("old.lock"), 4194301);             // above any default pid_max
        auto snap = PoolProbe::runSqlite(Target::dataDir(dir.path()), {});
        QVERIFY(snap);
        QCOMPARE(snap->sqlite.size(), 1);
        const SqlitePool &pool = snap->sqlite.first();
        QCOMPARE(pool.lockFiles.size(), 2);
        int alive = 0;
        for (const DiscoveredItem &l : pool.lockFiles)
            alive += l.lockAlive ? 1 : 0;
        QCOMPARE(alive, 1);
        QCOMPARE(pool.severity, Severity::Warning);
        QCOMPARE(pool.findings.size(), 1);
        QVERIFY(pool.findings.first().contains(QStringLiteral("old.lock")));
    }

    void starvationIsAFinding()
    {
        BotConnection writer(m_db);
        QVERIFY(writer.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0")));
        BotConnection reader(m_db);
        QVERIFY(reader.exec(QStringLiteral("BEGIN")));
        QVERIFY(reader.exec(QStringLiteral("SELECT count(*) FROM trades")));
        QVERIFY(writer.exec(QStringLiteral("BEGIN")));
        for (int i = 0; i < 1500; ++i)
            QVERIFY(writer.exec(QStringLiteral("INSERT INTO trades (symbol, price, created_at) "
                                               "VALUES ('C', %1, zeroblob(16000))")
                                    .arg(i)));
        QVERIFY(writer.exec(QStringLiteral("COMMIT")));
        const SqlitePool probed = SqlitePoolProbe::probe(m_db, {});
        QVERIFY(probed.checkpoint.logFrames - probed.checkpoint.checkpointed > SqlitePoolProbe::StarvationFrames);
        QCOMPARE(probed.severity, Severity::Warning);
        QVERIFY(probed.findings.join(QLatin1Char(' ')).contains(QStringLiteral("checkpoint starvation")));
    }
};

QTEST_GUILESS_MAIN(TestSqlitePool)
#include "tst_sqlitepool.moc"
