// Opening SQLite stores: bad input gets a clear error and nothing is ever created or changed.
#include "connection/connector.h"
#include "sqlitefixture.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestConnector : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

private Q_SLOTS:
    void missingFileIsNotFoundAndNotCreated_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("read-only") << int(AccessMode::ReadOnly);
        QTest::newRow("read-write") << int(AccessMode::ReadWrite);
    }
    void missingFileIsNotFoundAndNotCreated()
    {
        QFETCH(int, mode);
        const QString file = path(QStringLiteral("missing-%1.db").arg(mode));
        SessionOptions options;
        options.mode = AccessMode(mode);
        const Error e = Connector::open(QStringLiteral("t-missing"), Target::sqliteFile(file), options);
        QCOMPARE(e.code, ErrorCode::NotFound);
        QVERIFY(e.message.contains(file));
        QVERIFY(e.message.contains(QStringLiteral("no such file")));
        QVERIFY(!QFile::exists(file));
        QVERIFY(!QSqlDatabase::contains(QStringLiteral("t-missing")));
        QCOMPARE(exitCodeFor(e), 3);
    }

    void badFilesAreNotSqlite_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty (0 bytes)");
        QTest::newRow("text") << QByteArray("id,price\n1,2\n") << QStringLiteral("not an SQLite database");
        QTest::newRow("short header") << QByteArray("SQLite format 3\0abc", 19) << QStringLiteral("truncated header");
    }
    void badFilesAreNotSqlite()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString file = path(QStringLiteral("bad-%1.db").arg(QTest::currentDataTag()));
        writeFile(file, content);
        const Error e = Connector::open(QStringLiteral("t-bad"), Target::sqliteFile(file), SessionOptions::monitor());
        QCOMPARE(e.code, ErrorCode::NotSqlite);
        QVERIFY2(e.message.contains(expected), qPrintable(e.message));
        QCOMPARE(QFileInfo(file).size(), qint64(content.size())); // untouched
        QCOMPARE(exitCodeFor(e), 3);
    }

    void truncatedFileIsReported()
    {
        const QString file = path(QStringLiteral("truncated.db"));
        QVERIFY(SqliteFixture::createTradingStore(file, 2000, false));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() / 2));
        f.close();
        const Error e = Connector::open(QStringLiteral("t-trunc"), Target::sqliteFile(file), SessionOptions::monitor());
        QCOMPARE(e.code, ErrorCode::NotSqlite);
        QVERIFY2(e.message.contains(QStringLiteral("truncated")), qPrintable(e.message));
    }

    void monitorSessionCannotWrite()
    {
        const QString file = path(QStringLiteral("ro.db"));
        QVERIFY(SqliteFixture::createTradingStore(file, 3));
        ScopedConnection conn(Target::sqliteFile(file), SessionOptions::monitor(), QStringLiteral("t"));
        QVERIFY2(conn.ok(), qPrintable(conn.error().oneLine()));
        QSqlQuery q(conn.db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM trades")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM trades")));
        QCOMPARE(SqliteFixture::scalar(file, QStringLiteral("SELECT count(*) FROM trades")).toInt(), 3);
    }

    void actionSessionWritesExistingFile()
    {
        const QString file = path(QStringLiteral("rw.db"));
        QVERIFY(SqliteFixture::createTradingStore(file, 3));
        {
            ScopedConnection conn(Target::sqliteFile(file), SessionOptions::action(), QStringLiteral("t"));
            QVERIFY2(conn.ok(), qPrintable(conn.error().oneLine()));
            QSqlQuery q(conn.db());
            QVERIFY(q.exec(QStringLiteral("DELETE FROM trades WHERE id = 1")));
        }
        QCOMPARE(SqliteFixture::scalar(file, QStringLiteral("SELECT count(*) FROM trades")).toInt(), 2);
    }

    void directoryIsNotAFile()
    {
        const Error e =
            Connector::open(QStringLiteral("t-dir"), Target::sqliteFile(m_dir.path()), SessionOptions::monitor());
        QCOMPARE(e.code, ErrorCode::Usage);
        QVERIFY(e.message.contains(QStringLiteral("directory")));
    }

    // The Qt driver's text joins SQLite's words and its own ("Unable to execute statement"): the message names
    // the file in the operator's words, the engine's text stays in detail (for the debug log).
    void sqliteErrorsKeepDriverWordsOutOfTheMessage_data()
    {
        QTest::addColumn<QString>("databaseText");
        QTest::addColumn<int>("code");
        QTest::newRow("malformed") << "database disk image is malformed" << int(ErrorCode::NotSqlite);
        QTest::newRow("read-only") << "attempt to write a readonly database" << int(ErrorCode::Io);
        QTest::newRow("other") << "no such table: nope" << int(ErrorCode::QueryFailed);
    }
    void sqliteErrorsKeepDriverWordsOutOfTheMessage()
    {
        QFETCH(QString, databaseText);
        QFETCH(int, code);
        const QString file = path(QStringLiteral("words.db"));
        const Error e = Connector::classify(
            QSqlError(QStringLiteral("Unable to execute statement"), databaseText, QSqlError::StatementError),
            Target::sqliteFile(file), QStringLiteral("read"));
        QCOMPARE(int(e.code), code);
        QVERIFY2(e.message.contains(file), qPrintable(e.message));
        QVERIFY2(!e.oneLine().contains(QLatin1String("Unable to")) && !e.oneLine().contains(databaseText),
                 qPrintable(e.oneLine()));
        QVERIFY2(e.detail.contains(databaseText), qPrintable(e.detail));
    }

    void connectionNamesAreUnique()
    {
        QVERIFY(Connector::uniqueName(QStringLiteral("x")) != Connector::uniqueName(QStringLiteral("x")));
    }
};

QTEST_GUILESS_MAIN(TestConnector)
#include "tst_connector.moc"
