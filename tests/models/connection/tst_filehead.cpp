// Issue 19's root cause, proved and guarded. POSIX drops every fcntl lock a process holds on a file when the
// process closes any descriptor on it; the console's header reads (a QFile on trading.db, its -shm opened by
// the data-directory scan) did exactly that while a forced restore held the WAL write lock, so the bot wrote
// into the same WAL at the same time. The locks are read from /proc/locks, as another process would see them.
#include "connection/filehead.h"
#include "connection/sqlitehandle.h"
#include "connection/storediscovery.h"
#include "sqlitefixture.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

constexpr qint64 kWalWriteLockByte = 120;   // SQLite's WAL_WRITE_LOCK in the -shm
constexpr qint64 kPendingByte = 0x40000000; // rollback mode: the main file's lock bytes start here

// Whether /proc/locks shows a POSIX lock of this process on `path` covering byte `offset`.
bool holdsLock(const QString &path, qint64 offset)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return false;
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly))
        return false;
    const QByteArray pid = QByteArray::number(qint64(::getpid()));
    const QByteArray inode = ':' + QByteArray::number(qulonglong(st.st_ino));
    for (const QByteArray &line : locks.readAll().split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        // "1: POSIX ADVISORY WRITE 4242 08:01:123456 120 120"
        if (f.size() < 8 || f.at(1) != "POSIX" || f.at(4) != pid || !f.at(5).endsWith(inode))
            continue;
        const qint64 start = f.at(6).toLongLong();
        const qint64 end = f.at(7) == "EOF" ? std::numeric_limits<qint64>::max() : f.at(7).toLongLong();
        if (offset >= start && offset <= end)
            return true;
    }
    return false;
}

} // namespace

class TestFileHead : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    int m_n = 0;

    QString walStore()
    {
        const QString path = m_tmp.filePath(QStringLiteral("wal%1/trading.db").arg(++m_n));
        QDir().mkpath(QFileInfo(path).absolutePath());
        return SqliteFixture::createTradingStore(path, 20, true) ? path : QString();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    // The hazard itself: a plain open/close of the -shm releases a write transaction's WAL lock.
    void plainCloseOfTheShmDropsTheWriteLock()
    {
        const QString db = walStore();
        SqliteHandle writer;
        QVERIFY(!writer.open(db, SqliteHandle::Mode::ReadWrite).isError());
        QVERIFY(!writer.exec(QStringLiteral("BEGIN IMMEDIATE")).isError());
        QVERIFY(holdsLock(db + QStringLiteral("-shm"), kWalWriteLockByte));
        {
            QFile shm(db + QStringLiteral("-shm"));
            QVERIFY(shm.open(QIODevice::ReadOnly));
        }
        QVERIFY(!holdsLock(db + QStringLiteral("-shm"), kWalWriteLockByte));
        writer.exec(QStringLiteral("ROLLBACK"));
    }

    void headerReadKeepsTheMainFileLocks()
    {
        const QString path = m_tmp.filePath(QStringLiteral("rollback.db"));
        QVERIFY(SqliteFixture::createTradingStore(path, 20, false));
        SqliteHandle writer;
        QVERIFY(!writer.open(path, SqliteHandle::Mode::ReadWrite).isError());
        QVERIFY(!writer.exec(QStringLiteral("BEGIN EXCLUSIVE")).isError());
        QVERIFY(holdsLock(path, kPendingByte));
        const QByteArray head = FileHead::read(path, 100);
        QCOMPARE(head.left(15), QByteArray("SQLite format 3"));
        QVERIFY2(holdsLock(path, kPendingByte), "reading the header released the exclusive lock");
        writer.exec(QStringLiteral("ROLLBACK"));
    }

    void scanningTheDataDirectoryKeepsTheWriteLock()
    {
        const QString db = walStore();
        SqliteHandle writer;
        QVERIFY(!writer.open(db, SqliteHandle::Mode::ReadWrite).isError());
        QVERIFY(!writer.exec(QStringLiteral("BEGIN IMMEDIATE")).isError());
        const QList<DiscoveredItem> items = StoreDiscovery::scan(QFileInfo(db).absolutePath());
        QCOMPARE(items.size(), 1); // the store; its -wal and -shm are not stores
        QVERIFY2(holdsLock(db + QStringLiteral("-shm"), kWalWriteLockByte), "the scan released the WAL write lock");
        QVERIFY(!writer.exec(QStringLiteral("ROLLBACK")).isError());
    }

    void readsTheFirstBytes_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<qint64>("asked");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("longer file") << QByteArray("0123456789") << qint64(4) << QByteArray("0123");
        QTest::newRow("shorter file") << QByteArray("012") << qint64(8) << QByteArray("012");
        QTest::newRow("empty file") << QByteArray() << qint64(8) << QByteArray();
    }

    void readsTheFirstBytes()
    {
        QFETCH(QByteArray, content);
        QFETCH(qint64, asked);
        QFETCH(QByteArray, expected);
        const QString path = m_tmp.filePath(QStringLiteral("plain%1.bin").arg(++m_n));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        QCOMPARE(FileHead::read(path, asked), expected);
    }

    void missingFileSaysWhy()
    {
        const QString path = m_tmp.filePath(QStringLiteral("missing.db"));
        QString why;
        QVERIFY(FileHead::read(path, 16, &why).isEmpty());
        QVERIFY(!why.isEmpty());
        QVERIFY2(!QFileInfo::exists(path), "reading a header created the file");
    }

    void sideFilesAreNamed_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("side");
        QTest::newRow("wal") << QStringLiteral("trading.db-wal") << true;
        QTest::newRow("shm") << QStringLiteral("trading.db-shm") << true;
        QTest::newRow("journal") << QStringLiteral("trading.db-journal") << true;
        QTest::newRow("store") << QStringLiteral("trading.db") << false;
        QTest::newRow("duckdb wal") << QStringLiteral("market.duckdb.wal") << false;
    }

    void sideFilesAreNamed()
    {
        QFETCH(QString, name);
        QFETCH(bool, side);
        QCOMPARE(FileHead::isSqliteSideFile(name), side);
    }
};

QTEST_GUILESS_MAIN(TestFileHead)
#include "tst_filehead.moc"
