// Who holds an SQLite store's write lock, seen in /proc/locks without taking it: real writers (this process,
// another process) in WAL and rollback-journal mode, readers that do not count, the table's format, and
// "seen held for" across samples.
#include "activity/sqlitelocks.h"
#include "botconnection.h"
#include "busystore.h"
#include "sqlitefixture.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestSqliteLocks : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void parsesHoldersWaitersAndRanges()
    {
        const QList<ProcLock> locks = FileLocks::parse("1: POSIX  ADVISORY  WRITE 8621 fe:01:5324856 120 120\n"
                                                       "1: -> POSIX  ADVISORY  WRITE 8700 fe:01:5324856 120 120\n"
                                                       "2: OFDLCK ADVISORY  READ  -1 00:2f:77 0 EOF\n"
                                                       "garbage\n");
        QCOMPARE(locks.size(), 3);
        QCOMPARE(locks[0].pid, qint64(8621));
        QVERIFY(locks[0].write && !locks[0].blocked);
        QCOMPARE(locks[0].devMajor, 0xfeu);
        QCOMPARE(locks[0].devMinor, 1u);
        QCOMPARE(locks[0].inode, quint64(5324856));
        QCOMPARE(locks[0].start, qint64(120));
        QCOMPARE(locks[0].end, qint64(120));
        QVERIFY(locks[1].blocked);
        QCOMPARE(locks[1].pid, qint64(8700));
        QCOMPARE(locks[2].type, QStringLiteral("OFDLCK"));
        QVERIFY(!locks[2].write);
        QCOMPARE(locks[2].end, qint64(-1));
    }

    void writerOfThisProcessIsSeen_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::newRow("wal (-shm byte 120)") << true;
        QTest::newRow("rollback journal (RESERVED byte)") << false;
    }

    void writerOfThisProcessIsSeen()
    {
        QFETCH(bool, wal);
        const QString db = m_dir.filePath(QStringLiteral("own-%1.db").arg(wal));
        QVERIFY(SqliteFixture::createTradingStore(db, 5, wal));
        BotConnection bot(db);
        QVERIFY(bot.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const WriteLockSeen seen = SqliteLocks::writeLock(db);
        QVERIFY(seen.known);
        QCOMPARE(seen.pids, QList<qint64>{QCoreApplication::applicationPid()});
        QVERIFY(bot.exec(QStringLiteral("INSERT INTO positions VALUES ('X', 1)"))); // never disturbed
        QVERIFY(bot.exec(QStringLiteral("COMMIT")));
        QVERIFY(SqliteLocks::writeLock(db).pids.isEmpty());
    }

    void writerOfAnotherProcessIsSeenByItsPid()
    {
        const QString db = m_dir.filePath(QStringLiteral("other.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 5, true));
        QProcess bot;
        bot.start(QStringLiteral("python3"), {QStringLiteral("-c"),
                                              QStringLiteral("import sqlite3, sys, time\n"
                                                             "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                                                             "c.execute('BEGIN IMMEDIATE')\n"
                                                             "print('held', flush=True)\n"
                                                             "time.sleep(60)"),
                                              db});
        QVERIFY(bot.waitForReadyRead(10000));
        const WriteLockSeen seen = SqliteLocks::writeLock(db);
        const qint64 pid = bot.processId();
        bot.kill();
        bot.waitForFinished();
        QCOMPARE(seen.pids, QList<qint64>{pid});
    }

    void readersAndPendingFramesAreNotAWriter()
    {
        const QString db = m_dir.filePath(QStringLiteral("readers.db"));
        BusyStore store(db, BusyStore::Mode::WalPendingFrames);
        QVERIFY(store.ok());
        BotConnection reader(db);
        QVERIFY(reader.exec(QStringLiteral("BEGIN")));
        QVERIFY(reader.exec(QStringLiteral("SELECT count(*) FROM trades"))); // holds a read mark and SHARED
        const WriteLockSeen seen = SqliteLocks::writeLock(db);
        QVERIFY(seen.known);
        QVERIFY(seen.pids.isEmpty());
        QVERIFY(reader.exec(QStringLiteral("COMMIT")));
    }

    void sameHolderIsFollowedAcrossSamples()
    {
        WriteLockWatch watch;
        const QString db = QStringLiteral("/srv/bot/trading.db");
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        QCOMPARE(watch.observe(db, {42}, t0), qint64(0));
        QCOMPARE(watch.observe(db, {42}, t0.addSecs(5)), qint64(5000));
        QCOMPARE(watch.observe(db, {43}, t0.addSecs(6)), qint64(0)); // another holder: counted afresh
        QCOMPARE(watch.observe(db, {}, t0.addSecs(7)), qint64(-1));
        QCOMPARE(watch.observe(db, {43}, t0.addSecs(8)), qint64(0)); // released in between
    }
};

QTEST_GUILESS_MAIN(TestSqliteLocks)
#include "tst_sqlitelocks.moc"
