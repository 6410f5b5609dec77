// An SQLite C-API failure as the operator reads it: the file named, what could not be done in plain words, and
// neither the statement (SQL text, dbops' resource comments) nor SQLite's own wording in the message — those
// are in detail, for the debug log.
#include "connection/sqlitehandle.h"
#include "sqlitefixture.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestSqliteHandle : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void failedStatementIsNotInTheMessage_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("exec");
        QTest::newRow("query") << "/* dbops: health_rows */ SELECT count(*) FROM nope" << false;
        QTest::newRow("exec") << "/* dbops */ DELETE FROM nope WHERE id = 1" << true;
    }
    void failedStatementIsNotInTheMessage()
    {
        QFETCH(QString, sql);
        QFETCH(bool, exec);
        const QString file = m_dir.filePath(QStringLiteral("%1.db").arg(QLatin1String(QTest::currentDataTag())));
        QVERIFY(SqliteFixture::createTradingStore(file, 1));
        SqliteHandle db;
        QVERIFY(!db.open(file, SqliteHandle::Mode::ReadOnly));
        const Error e = exec ? db.exec(sql) : db.query(sql).error();
        QVERIFY(e.isError());
        QVERIFY2(e.message.contains(file), qPrintable(e.oneLine()));
        for (const char *leak : {"SELECT", "DELETE", "/*", "nope"})
            QVERIFY2(!e.oneLine().contains(QLatin1String(leak)), qPrintable(e.oneLine()));
        QVERIFY2(e.detail.contains(QLatin1String("no such table: nope")), qPrintable(e.detail));
    }
};

QTEST_GUILESS_MAIN(TestSqliteHandle)
#include "tst_sqlitehandle.moc"
