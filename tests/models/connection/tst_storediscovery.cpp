#include "connection/storediscovery.h"
#include "heldlock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <limits>
#include <utility>

#include <cerrno>
#include <csignal>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace dbops;
using dbops::test::HeldLock;
using Kind = DiscoveredItem::Kind;

namespace {

// A real SQLite database made by the SQLite driver. With `keepOpen`, the connection stays open in WAL mode
// (so the -wal and -shm files exist) and its name is returned; close it with closeSqlite().
QString createSqlite(const QString &path, bool keepOpen = false)
{
    static int counter = 0;
    const QString name = QStringLiteral("tst_storediscovery_%1").arg(++counter);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot create %s", qPrintable(path));
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT)"));
        q.exec(QStringLiteral("INSERT INTO trades (symbol) VALUES ('BTCUSDT'), ('ETHUSDT')"));
        if (keepOpen)
            return name;
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return {};
}

void closeSqlite(const QString &name)
{
    QSqlDatabase::database(name, false).close();
    QSqlDatabase::removeDatabase(name);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

// DuckDB's layout: 8-byte checksum, "DUCK" at bytes 8..11, then the version; padded like a real block.
QByteArray duckDbBytes()
{
    QByteArray bytes(8, '\x11');
    bytes += "DUCK";
    bytes += QByteArray("\x40\0\0\0\0\0\0\0", 8);
    bytes.append(4096 - bytes.size(), '\0');
    return bytes;
}

QByteArray sqliteHeaderBytes(int size)
{
    QByteArray bytes("SQLite format 3\0", 16);
    bytes.append(size - bytes.size(), '\0');
    return bytes.left(size);
}

// A PID no process has now: probed downward from the kernel's limit.
qint64 stalePid()
{
    QFile f(QStringLiteral("/proc/sys/kernel/pid_max"));
    qint64 max = 32768;
    if (f.open(QIODevice::ReadOnly))
        max = f.readAll().trimmed().toLongLong();
    for (qint64 pid = max - 1; pid > 300; --pid)
        if (::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH)
            return pid;
    return 0;
}

// Root reads any file, so a permission test run as root proves nothing: run `check` in a child that has
// dropped to "nobody". Returns the check's failure text, empty when it passed.
QString asUnprivilegedUser(const std::function<QString()> &check)
{
    if (::geteuid() != 0)
        return check();
    int fds[2];
    if (::pipe(fds) != 0)
        return QStringLiteral("pipe failed");
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(fds[0]);
        const QByteArray result =
            (::setgid(65534) == 0 && ::setuid(65534) == 0 ? check() : QStringLiteral("cannot drop to uid 65534"))
                .toUtf8();
        const ssize_t written = ::write(fds[1], result.constData(), static_cast<size_t>(result.size()));
        ::_exit(written == result.size() ? 0 : 1);
    }
    ::close(fds[1]);
    QByteArray result;
    char buffer[512];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        result.append(buffer, static_cast<int>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return QStringLiteral("child failed: ") + QString::fromUtf8(result);
    return QString::fromUtf8(result);
}

// "kind relativePath" per item, in scan order.
QStringList summary(const QList<DiscoveredItem> &items)
{
    QStringList lines;
    for (const DiscoveredItem &it : items)
        lines << DiscoveredItem::kindName(it.kind) + QLatin1Char(' ') + it.relativePath;
    return lines;
}

} // namespace

class TestStoreDiscovery : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;
    // A fresh empty directory per test.
    QString freshDir()
    {
        const QString dir = m_dir.filePath(QStringLiteral("case%1").arg(++m_case));
        QDir().mkpath(dir);
        return dir;
    }
    DiscoveredItem onlyItem(const QString &dir, Kind kind);

private Q_SLOTS:
    void initTestCase();

    void isSqliteFile_data();
    void isSqliteFile();
    void isDuckDbFile_data();
    void isDuckDbFile();
    void isPidAlive_data();
    void isPidAlive();
    void kindName_data();
    void kindName();

    void sqliteRecognisedByHeaderNotExtension();
    void walAndShmFoldedIntoDatabase();
    void modifiedIsNewerOfFileAndWal();
    void hotJournalIsNoted();
    void duckDbListedNeverOpened();

    void lockWithLivePid();
    void lockOfARunningProcessThatIsNotTheWriterIsStale();
    void lockOfAProcessWithTheStoreOpenIsAlive();
    void lockWithStalePid();
    void lockContentFormats_data();
    void lockContentFormats();
    void unreadableLockIsNoted();
    void schemaVersionContent();

    void backupFolderIsOneItem();
    void backupFolderNames_data();
    void backupFolderNames();
    void emptyBackupFolderNotListed();
    void scannedBackupFolderIsNotFolded();

    void depthLimit();
    void symlinkLoopsDoNotHang();
    void symlinkedDirectoryNotEntered();
    void symlinkedFileListedWithNote();
    void fifoIsNeverOpened();
    void splitDataDirLayout();
    void notADirectoryGivesNothing_data();
    void notADirectoryGivesNothing();
};

DiscoveredItem TestStoreDiscovery::onlyItem(const QString &dir, Kind kind)
{
    const auto items = StoreDiscovery::scan(dir);
    if (items.size() != 1 || items.first().kind != kind)
        qWarning() << "unexpected items:" << summary(items);
    return items.size() == 1 ? items.first() : DiscoveredItem{};
}

void TestStoreDiscovery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // So that the unprivileged child of unreadableLockIsNoted can enter it.
    QVERIFY(QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                    QFile::ReadOther | QFile::ExeOther | QFile::ReadGroup |
                                                    QFile::ExeGroup));
}

void TestStoreDiscovery::isSqliteFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes"); // null: a real SQLite database
    QTest::addColumn<bool>("expected");
    QTest::newRow("real database") << "real.db" << QByteArray() << true;
    QTest::newRow("header only") << "header.bin" << sqliteHeaderBytes(4096) << true;
    QTest::newRow("text named .db") << "notes.db" << QByteArray("hello, not a database\n") << false;
    QTest::newRow("empty file") << "empty.db" << QByteArray("") << false;
    QTest::newRow("truncated header") << "short.db" << sqliteHeaderBytes(15) << false;
    QTest::newRow("header without NUL") << "nonul.db" << QByteArray("SQLite format 3!rest of file") << false;
    QTest::newRow("duckdb") << "x.duckdb" << duckDbBytes() << false;
}

void TestStoreDiscovery::isSqliteFile()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    const QString path = freshDir() + QLatin1Char('/') + name;
    if (bytes.isNull())
        createSqlite(path);
    else
        writeFile(path, bytes);
    QTEST(StoreDiscovery::isSqliteFile(path), "expected");
    QVERIFY(!StoreDiscovery::isSqliteFile(path + QStringLiteral(".missing")));
}

void TestStoreDiscovery::isDuckDbFile_data()
{
    QTest::addColumn<QByteArray>("bytes"); // null: a real SQLite database
    QTest::addColumn<bool>("expected");
    QTest::newRow("duckdb") << duckDbBytes() << true;
    QTest::newRow("magic only, 12 bytes") << duckDbBytes().left(12) << true;
    QTest::newRow("11 bytes") << duckDbBytes().left(11) << false;
    QTest::newRow("DUCK at offset 0") << QByteArray("DUCK0000000000000000") << false;
    QTest::newRow("sqlite") << QByteArray() << false;
}

void TestStoreDiscovery::isDuckDbFile()
{
    QFETCH(QByteArray, bytes);
    const QString path = freshDir() + QStringLiteral("/market.duckdb");
    if (bytes.isNull())
        createSqlite(path);
    else
        writeFile(path, bytes);
    QTEST(StoreDiscovery::isDuckDbFile(path), "expected");
}

void TestStoreDiscovery::isPidAlive_data()
{
    QTest::addColumn<qint64>("pid");
    QTest::addColumn<bool>("expected");
    QTest::newRow("this process") << QCoreApplication::applicationPid() << true;
    QTest::newRow("init") << qint64(1) << true;
    QTest::newRow("stale") << stalePid() << false;
    QTest::newRow("zero") << qint64(0) << false;
    QTest::newRow("negative") << qint64(-1) << false;
    QTest::newRow("beyond pid_t") << qint64(1) + std::numeric_limits<int>::max() << false;
}

void TestStoreDiscovery::isPidAlive()
{
    QFETCH(qint64, pid);
    QTEST(StoreDiscovery::isPidAlive(pid), "expected");
}

void TestStoreDiscovery::kindName_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("sqlite") << int(Kind::Sqlite) << "sqlite";
    QTest::newRow("duckdb") << int(Kind::DuckDb) << "duckdb";
    QTest::newRow("lock") << int(Kind::LockFile) << "lock";
    QTest::newRow("schema_version") << int(Kind::SchemaVersion) << "schema_version";
    QTest::newRow("backup_dir") << int(Kind::BackupDir) << "backup_dir";
}

void TestStoreDiscovery::kindName()
{
    QFETCH(int, kind);
    QTEST(DiscoveredItem::kindName(static_cast<Kind>(kind)), "name");
}

void TestStoreDiscovery::sqliteRecognisedByHeaderNotExtension()
{
    const QString dir = freshDir();
    createSqlite(dir + QStringLiteral("/trading.db"));
    createSqlite(dir + QStringLiteral("/store.dat"));
    writeFile(dir + QStringLiteral("/notes.db"), "not sqlite");
    writeFile(dir + QStringLiteral("/empty.sqlite"), "");
    const auto items = StoreDiscovery::scan(dir);
    QCOMPARE(summary(items), (QStringList{"sqlite store.dat", "sqlite trading.db"}));
    QCOMPARE(items.at(1).path, dir + QStringLiteral("/trading.db"));
    QCOMPARE(items.at(1).bytes, QFileInfo(dir + QStringLiteral("/trading.db")).size());
    QCOMPARE(items.at(1).walBytes, 0);
    QCOMPARE(items.at(1).note, QString());
}

void TestStoreDiscovery::walAndShmFoldedIntoDatabase()
{
    const QString dir = freshDir();
    const QString db = dir + QStringLiteral("/trading/trading.db");
    QDir().mkpath(QFileInfo(db).absolutePath());
    const QString connection = createSqlite(db, true);
    const qint64 walSize = QFileInfo(db + QStringLiteral("-wal")).size();
    const qint64 mainSize = QFileInfo(db).size(); // grows at the checkpoint on close
    const bool shmExists = QFileInfo::exists(db + QStringLiteral("-shm"));
    const auto items = StoreDiscovery::scan(dir);
    closeSqlite(connection);
    QVERIFY(walSize > 0);
    QVERIFY(shmExists);
    QCOMPARE(summary(items), QStringList{"sqlite trading/trading.db"});
    QCOMPARE(items.first().walBytes, walSize);
    QCOMPARE(items.first().bytes, mainSize);
}

void TestStoreDiscovery::modifiedIsNewerOfFileAndWal()
{
    const QString dir = freshDir();
    const QString db = dir + QStringLiteral("/trading.db");
    writeFile(db, sqliteHeaderBytes(4096));
    writeFile(db + QStringLiteral("-wal"), QByteArray(1000, 'w'));
    const QDateTime older(QDate(2020, 1, 2), QTime(3, 4, 5), Qt::UTC);
    const QDateTime newer(QDate(2023, 6, 7), QTime(8, 9, 10), Qt::UTC);
    const QString wal = db + QStringLiteral("-wal");
    for (const auto &[path, time] : {std::pair{db, older}, std::pair{wal, newer}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(time, QFileDevice::FileModificationTime));
    }
    const DiscoveredItem item = onlyItem(dir, Kind::Sqlite);
    QCOMPARE(item.walBytes, 1000);
    QCOMPARE(item.modified.toUTC(), newer);
}

void TestStoreDiscovery::hotJournalIsNoted()
{
    const QString dir = freshDir();
    createSqlite(dir + QStringLiteral("/signals.db"));
    writeFile(dir + QStringLiteral("/signals.db-journal"), QByteArray(512, 'j'));
    const DiscoveredItem item = onlyItem(dir, Kind::Sqlite);
    QCOMPARE(item.note, QStringLiteral("rollback journal present: a write is in progress or was interrupted"));
    QCOMPARE(item.walBytes, 0);
}

void TestStoreDiscovery::duckDbListedNeverOpened()
{
    const QString dir = freshDir();
    writeFile(dir + QStringLiteral("/market_data/2024-01-02.duckdb"), duckDbBytes());
    writeFile(dir + QStringLiteral("/market_data/2024-01-02.duckdb.wal"), QByteArray(300, 'w'));
    const DiscoveredItem item = onlyItem(dir, Kind::DuckDb);
    QCOMPARE(item.relativePath, QStringLiteral("market_data/2024-01-02.duckdb"));
    QCOMPARE(item.bytes, 4096);
    QCOMPARE(item.walBytes, 300);
    QCOMPARE(item.note, QStringLiteral("DuckDB: listed only, Qt SQL has no DuckDB driver"));
}

void TestStoreDiscovery::lockWithLivePid()
{
    const QString dir = freshDir();
    const qint64 pid = QCoreApplication::applicationPid();
    QDir().mkpath(dir + QStringLiteral("/trading"));
    HeldLock held(dir + QStringLiteral("/trading/.writer.lock"));
    QVERIFY(held.ok());
    const DiscoveredItem item = onlyItem(dir, Kind::LockFile);
    QCOMPARE(item.relativePath, QStringLiteral("trading/.writer.lock"));
    QCOMPARE(item.pid, pid);
    QVERIFY(item.lockAlive);
    QCOMPARE(item.lockState(), QStringLiteral("alive"));
    QCOMPARE(item.lockHolders, QList<qint64>{pid});
    QCOMPARE(item.note, QStringLiteral("held: process %1 holds a lock on it").arg(pid));
}

// PID 1 exists, but it neither holds the lock nor has the store open: not the writer, so the lock is stale.
void TestStoreDiscovery::lockOfARunningProcessThatIsNotTheWriterIsStale()
{
    const QString dir = freshDir();
    createSqlite(dir + QStringLiteral("/trading.db"));
    writeFile(dir + QStringLiteral("/.writer.lock"), "1\n");
    DiscoveredItem item;
    for (const DiscoveredItem &i : StoreDiscovery::scan(dir))
        if (i.kind == Kind::LockFile)
            item = i;
    QCOMPARE(item.pid, 1);
    QVERIFY(item.pidAlive);
    QVERIFY(!item.lockAlive);
    QCOMPARE(item.lockState(), QStringLiteral("stale"));
    QVERIFY2(item.note.contains(QStringLiteral("not the writer")), qPrintable(item.note));
}

// Without a lock held, the PID in the file counts only while that process has the store beside it open.
void TestStoreDiscovery::lockOfAProcessWithTheStoreOpenIsAlive()
{
    const QString dir = freshDir();
    const QString db = dir + QStringLiteral("/trading.db");
    createSqlite(db);
    writeFile(dir + QStringLiteral("/.writer.lock"), QByteArray::number(QCoreApplication::applicationPid()));
    QFile store(db);
    QVERIFY(store.open(QIODevice::ReadOnly)); // this test process "has the store open"
    DiscoveredItem item;
    for (const DiscoveredItem &i : StoreDiscovery::scan(dir))
        if (i.kind == Kind::LockFile)
            item = i;
    QVERIFY(item.lockAlive);
    QVERIFY(item.lockHolders.isEmpty());
    QCOMPARE(item.lockState(), QStringLiteral("alive"));
}

void TestStoreDiscovery::lockWithStalePid()
{
    const qint64 pid = stalePid();
    QVERIFY(pid > 0);
    const QString dir = freshDir();
    writeFile(dir + QStringLiteral("/live_buffer/.writer.lock"), QByteArray::number(pid));
    const DiscoveredItem item = onlyItem(dir, Kind::LockFile);
    QCOMPARE(item.pid, pid);
    QVERIFY(!item.pidAlive);
    QCOMPARE(item.note, QStringLiteral("stale: process %1 is not running").arg(pid));
}

void TestStoreDiscovery::lockContentFormats_data()
{
    const QByteArray pid = QByteArray::number(QCoreApplication::applicationPid());
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("hasPid");
    QTest::addColumn<QString>("note"); // when there is no PID
    QTest::newRow("bare PID") << pid << true << "";
    QTest::newRow("PID with spaces") << "  " + pid + " \r\n" << true << "";
    QTest::newRow("PID then host line") << pid + "\nbot-host-1\n2024-05-01T10:00:00" << true << "";
    QTest::newRow("JSON") << R"({"pid": )" + pid + R"(, "host": "bot-1"})" << true << "";
    QTest::newRow("key=value") << "host=bot-1\npid=" + pid << true << "";
    QTest::newRow("empty") << QByteArray() << false << "empty: no PID recorded";
    QTest::newRow("whitespace only") << QByteArray(" \n\t") << false << "empty: no PID recorded";
    QTest::newRow("garbage") << QByteArray("locked by scanner") << false << "no PID found in its content";
    QTest::newRow("binary") << QByteArray("\x01\xff\xfe\x00\x13", 5) << false << "no PID found in its content";
    QTest::newRow("number with suffix") << QByteArray("1234abc") << false << "no PID found in its content";
}

void TestStoreDiscovery::lockContentFormats()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, hasPid);
    QFETCH(QString, note);
    const QString dir = freshDir();
    writeFile(dir + QStringLiteral("/.writer.lock"), content);
    const DiscoveredItem item = onlyItem(dir, Kind::LockFile);
    const qint64 expectedPid = hasPid ? QCoreApplication::applicationPid() : 0;
    QCOMPARE(item.pid, expectedPid);
    QCOMPARE(item.pidAlive, hasPid);
    QVERIFY(!item.lockAlive); // nobody holds it and no store beside it is open
    if (hasPid)
        QVERIFY2(item.note.startsWith(QStringLiteral("stale: process")), qPrintable(item.note));
    else
        QCOMPARE(item.note, note);
}

void TestStoreDiscovery::unreadableLockIsNoted()
{
    const QString dir = freshDir();
    const QString lock = dir + QStringLiteral("/config/.writer.lock");
    writeFile(lock, QByteArray::number(QCoreApplication::applicationPid()));
    QVERIFY(QFile::setPermissions(lock, QFileDevice::Permissions()));
    const QString failure = asUnprivilegedUser([dir]() -> QString {
        const auto items = StoreDiscovery::scan(dir);
        if (items.size() != 1 || items.first().kind != Kind::LockFile)
            return QStringLiteral("items: ") + summary(items).join(QStringLiteral(", "));
        const DiscoveredItem &item = items.first();
        if (item.pid != 0 || item.pidAlive)
            return QStringLiteral("pid %1 read from an unreadable file").arg(item.pid);
        if (item.note != QLatin1String("cannot read: Permission denied"))
            return QStringLiteral("note: ") + item.note;
        return {};
    });
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestStoreDiscovery::schemaVersionContent()
{
    const QString dir = freshDir();
    writeFile(dir + QStringLiteral("/market_data/.schema_version"), "1.0.0\n");
    const DiscoveredItem item = onlyItem(dir, Kind::SchemaVersion);
    QCOMPARE(item.relativePath, QStringLiteral("market_data/.schema_version"));
    QCOMPARE(item.version, QStringLiteral("1.0.0"));
    QCOMPARE(item.bytes, 6);
}

void TestStoreDiscovery::backupFolderIsOneItem()
{
    const QString dir = freshDir();
    const QString backups = dir + QStringLiteral("/backups");
    QDir().mkpath(backups + QStringLiteral("/trading/2024-05-01"));
    QDir().mkpath(backups + QStringLiteral("/config/2024-05-02"));
    createSqlite(backups + QStringLiteral("/trading/2024-05-01/trading.db"));
    createSqlite(backups + QStringLiteral("/config/2024-05-02/config.db"));
    writeFile(backups + QStringLiteral("/manifest.txt"), "hourly\n");
    createSqlite(dir + QStringLiteral("/trading.db"));
    qint64 total = 0;
    for (const char *f : {"/trading/2024-05-01/trading.db", "/config/2024-05-02/config.db", "/manifest.txt"})
        total += QFileInfo(backups + QLatin1String(f)).size();

    const auto items = StoreDiscovery::scan(dir);
    QCOMPARE(summary(items), (QStringList{"sqlite trading.db", "backup_dir backups"}));
    const DiscoveredItem &backup = items.at(1);
    QCOMPARE(backup.path, backups);
    QCOMPARE(backup.bytes, total);
    QCOMPARE(backup.note, QStringLiteral("3 file(s), 2 SQLite; backups, not live stores"));
    QCOMPARE(backup.modified, QFileInfo(backups + QStringLiteral("/manifest.txt")).lastModified());
}

void TestStoreDiscovery::backupFolderNames_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("expected");
    QTest::newRow("backup") << "backup"
                            << "backup_dir backup";
    QTest::newRow("Backups") << "Backups"
                             << "backup_dir Backups";
    QTest::newRow("nested under data") << "data/BACKUP"
                                       << "backup_dir data/BACKUP";
    QTest::newRow("backups_old is a plain folder") << "backups_old"
                                                   << "sqlite backups_old/x.db";
    QTest::newRow("my-backup is a plain folder") << "my-backup"
                                                 << "sqlite my-backup/x.db";
}

void TestStoreDiscovery::backupFolderNames()
{
    QFETCH(QString, folder);
    QFETCH(QString, expected);
    const QString dir = freshDir();
    QDir().mkpath(dir + QLatin1Char('/') + folder);
    createSqlite(dir + QLatin1Char('/') + folder + QStringLiteral("/x.db"));
    QCOMPARE(summary(StoreDiscovery::scan(dir)), QStringList{expected});
}

void TestStoreDiscovery::emptyBackupFolderNotListed()
{
    const QString dir = freshDir();
    QDir().mkpath(dir + QStringLiteral("/backups/trading/2024-05-01"));
    QCOMPARE(summary(StoreDiscovery::scan(dir)), QStringList());
}

void TestStoreDiscovery::scannedBackupFolderIsNotFolded()
{
    const QString dir = freshDir() + QStringLiteral("/backups");
    QDir().mkpath(dir + QStringLiteral("/trading/2024-05-01"));
    createSqlite(dir + QStringLiteral("/trading/2024-05-01/trading.db"));
    QCOMPARE(summary(StoreDiscovery::scan(dir)), QStringList{"sqlite trading/2024-05-01/trading.db"});
}

void TestStoreDiscovery::depthLimit()
{
    const QString dir = freshDir();
    QString deep = dir;
    for (int depth = 1; depth <= StoreDiscovery::DefaultMaxDepth + 1; ++depth) {
        deep += QStringLiteral("/d%1").arg(depth);
        QDir().mkpath(deep);
        writeFile(deep + QStringLiteral("/.schema_version"), QByteArray::number(depth));
    }
    writeFile(dir + QStringLiteral("/.schema_version"), "0");
    QStringList seen;
    for (const DiscoveredItem &item : StoreDiscovery::scan(dir))
        seen << item.version;
    QCOMPARE(seen, (QStringList{"0", "1", "2", "3", "4", "5", "6", "7", "8"}));
    QStringList shallow;
    for (const DiscoveredItem &item : StoreDiscovery::scan(dir, 1))
        shallow << item.version;
    QCOMPARE(shallow, (QStringList{"0", "1"}));
}

void TestStoreDiscovery::symlinkLoopsDoNotHang()
{
    const QString dir = freshDir();
    QDir().mkpath(dir + QStringLiteral("/a/b"));
    createSqlite(dir + QStringLiteral("/a/b/trading.db"));
    QVERIFY(QFile::link(dir, dir + QStringLiteral("/a/b/up")));                           // back to the root
    QVERIFY(QFile::link(dir + QStringLiteral("/a"), dir + QStringLiteral("/a/b/again"))); // to an ancestor
    QVERIFY(QFile::link(dir + QStringLiteral("/self"), dir + QStringLiteral("/self")));   // to itself
    QVERIFY(QFile::link(dir + QStringLiteral("/a"), dir + QStringLiteral("/alias")));     // a second way in
    QCOMPARE(summary(StoreDiscovery::scan(dir)), QStringList{"sqlite a/b/trading.db"});
}

void TestStoreDiscovery::symlinkedDirectoryNotEntered()
{
    const QString dir = freshDir();
    const QString outside = m_dir.filePath(QStringLiteral("outside-%1").arg(m_case));
    QDir().mkpath(outside);
    createSqlite(outside + QStringLiteral("/other-bot.db"));
    QVERIFY(QFile::link(outside, dir + QStringLiteral("/linked")));
    createSqlite(dir + QStringLiteral("/trading.db"));
    QCOMPARE(summary(StoreDiscovery::scan(dir)), QStringList{"sqlite trading.db"});
}

void TestStoreDiscovery::symlinkedFileListedWithNote()
{
    const QString dir = freshDir();
    const QString real = m_dir.filePath(QStringLiteral("elsewhere-%1.db").arg(m_case));
    createSqlite(real);
    QVERIFY(QFile::link(real, dir + QStringLiteral("/trading.db")));
    const DiscoveredItem item = onlyItem(dir, Kind::Sqlite);
    QCOMPARE(item.path, dir + QStringLiteral("/trading.db"));
    QCOMPARE(item.note, QStringLiteral("symlink to ") + real);
}

void TestStoreDiscovery::fifoIsNeverOpened()
{
    const QString dir = freshDir();
    QCOMPARE(::mkfifo(QFile::encodeName(dir + QStringLiteral("/trading.db")).constData(), 0600), 0);
    QCOMPARE(::mkfifo(QFile::encodeName(dir + QStringLiteral("/.writer.lock")).constData(), 0600), 0);
    createSqlite(dir + QStringLiteral("/signals.db"));
    QCOMPARE(summary(StoreDiscovery::scan(dir)), QStringList{"sqlite signals.db"}); // would block if opened
}

// Seed 002's split data directory, sorted by kind then relative path.
void TestStoreDiscovery::splitDataDirLayout()
{
    const QString data = freshDir();
    for (const char *sub : {"trading", "signals", "config", "backups/trading/2024-05-01"})
        QDir().mkpath(data + QLatin1Char('/') + QLatin1String(sub));
    createSqlite(data + QStringLiteral("/trading/trading.db"));
    createSqlite(data + QStringLiteral("/signals/signals.db"));
    createSqlite(data + QStringLiteral("/config/config.db"));
    createSqlite(data + QStringLiteral("/backups/trading/2024-05-01/trading.db"));
    writeFile(data + QStringLiteral("/market_data/2024-05-01.duckdb"), duckDbBytes());
    writeFile(data + QStringLiteral("/live_buffer/buffer.duckdb"), duckDbBytes());
    writeFile(data + QStringLiteral("/backtest/runs/run-42.duckdb"), duckDbBytes());
    writeFile(data + QStringLiteral("/market_data/.schema_version"), "1.0.0");
    writeFile(data + QStringLiteral("/live_buffer/.writer.lock"),
              QByteArray::number(QCoreApplication::applicationPid()));
    writeFile(data + QStringLiteral("/trading/.writer.lock"), QByteArray::number(stalePid()));
    writeFile(data + QStringLiteral("/README.md"), "# data\n");

    QCOMPARE(
        summary(StoreDiscovery::scan(data)),
        (QStringList{"sqlite config/config.db", "sqlite signals/signals.db", "sqlite trading/trading.db",
                     "duckdb backtest/runs/run-42.duckdb", "duckdb live_buffer/buffer.duckdb",
                     "duckdb market_data/2024-05-01.duckdb", "lock live_buffer/.writer.lock",
                     "lock trading/.writer.lock", "schema_version market_data/.schema_version", "backup_dir backups"}));
}

void TestStoreDiscovery::notADirectoryGivesNothing_data()
{
    QTest::addColumn<QString>("path");
    const QString file = m_dir.filePath(QStringLiteral("plain.db"));
    createSqlite(file);
    QTest::newRow("empty") << QString();
    QTest::newRow("missing") << m_dir.filePath(QStringLiteral("missing"));
    QTest::newRow("a file") << file;
}

void TestStoreDiscovery::notADirectoryGivesNothing()
{
    QFETCH(QString, path);
    QCOMPARE(StoreDiscovery::scan(path).size(), 0);
}

QTEST_GUILESS_MAIN(TestStoreDiscovery)
#include "tst_storediscovery.moc"
