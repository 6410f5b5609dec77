// Reading a store's header (data-directory scans, the check before every SQLite open) keeps the SQLite locks
// this process holds on it: a plain open/close of the file would drop them all (POSIX locks belong to the
// process), and the bot's writer could then write under the console's own write transaction.
#include "activity/sqlitelocks.h"
#include "busystore.h"
#include "connection/connector.h"
#include "connection/lockpreservingread.h"
#include "connection/storediscovery.h"
#include "sqlitefixture.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestLockPreservingRead : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readingTheStoreKeepsOurWriteLock_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::addColumn<QString>("reader");
        for (bool wal : {true, false})
            for (const char *reader : {"data directory scan", "SQLite file check", "header read"})
                QTest::addRow("%s, %s", wal ? "wal" : "rollback journal", reader) << wal << QString::fromLatin1(reader);
    }

    void readingTheStoreKeepsOurWriteLock()
    {
        QFETCH(bool, wal);
        QFETCH(QString, reader);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 5, wal));
        {
            QSqlDatabase writer = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("writer"));
            writer.setDatabaseName(db);
            QVERIFY(writer.open());
            QSqlQuery q(writer);
            QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
            QVERIFY(q.exec(QStringLiteral("UPDATE trades SET price = price + 1")));
            const QList<qint64> self{QCoreApplication::applicationPid()};
            QCOMPARE(SqliteLocks::writeLock(db).pids, self);
            if (reader == QLatin1String("data directory scan"))
                QCOMPARE(StoreDiscovery::scan(dir.path()).size(), 1);
            else if (reader == QLatin1String("SQLite file check"))
                QVERIFY(!Connector::checkSqliteFile(db));
            else
                QVERIFY(LockPreservingRead::head(db, 16).bytes.startsWith("SQLite format 3"));
            QCOMPARE(SqliteLocks::writeLock(db).pids, self);
            QVERIFY(q.exec(QStringLiteral("COMMIT")));
            writer.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("writer"));
    }

    void sideFilesAreNeverStores()
    {
        QVERIFY(LockPreservingRead::isSideFile(QStringLiteral("/srv/bot/trading.db-wal")));
        QVERIFY(LockPreservingRead::isSideFile(QStringLiteral("/srv/bot/trading.db-shm")));
        QVERIFY(LockPreservingRead::isSideFile(QStringLiteral("/srv/bot/trading.db-journal")));
        QVERIFY(!LockPreservingRead::isSideFile(QStringLiteral("/srv/bot/trading.db")));
    }

    void shortAndMissingFiles()
    {
        QTemporaryDir dir;
        QFile tiny(dir.filePath(QStringLiteral("tiny")));
        QVERIFY(tiny.open(QIODevice::WriteOnly));
        tiny.write("abc");
        tiny.close();
        const HeadRead read = LockPreservingRead::head(tiny.fileName(), 100);
        QVERIFY(read.ok);
        QCOMPARE(read.bytes, QByteArray("abc"));
        QVERIFY(!LockPreservingRead::head(dir.filePath(QStringLiteral("missing")), 100).ok);
    }
};

QTEST_GUILESS_MAIN(TestLockPreservingRead)
#include "tst_lockpreservingread.moc"
