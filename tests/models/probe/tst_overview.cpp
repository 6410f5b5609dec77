// The overview of SQLite stores and data directories shows the store's real values.
#include "probe/overview.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestOverview : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void sqliteFileOverview()
    {
        const QString db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 10, true));
        auto o = OverviewProbe::collect(Target::sqliteFile(db), SessionOptions::monitor());
        QVERIFY2(o.ok(), qPrintable(o.error().oneLine()));
        QCOMPARE(o->engine, QStringLiteral("sqlite"));
        QCOMPARE(o->version, SqliteFixture::scalar(db, QStringLiteral("SELECT sqlite_version()")).toString());
        QCOMPARE(o->tables,
                 (QStringList{QStringLiteral("orders"), QStringLiteral("positions"), QStringLiteral("trades")}));
        QCOMPARE(o->journalMode, QStringLiteral("wal"));
        QCOMPARE(o->sizeBytes, QFileInfo(db).size());
        QCOMPARE(o->pageCount * o->pageSize, QFileInfo(db).size());
        QCOMPARE(o->database, QFileInfo(db).absoluteFilePath());
    }

    void jsonCarriesThePublicKeys()
    {
        const QString db = m_dir.filePath(QStringLiteral("json.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 1, false));
        auto o = OverviewProbe::collect(Target::sqliteFile(db), SessionOptions::monitor());
        QVERIFY(o.ok());
        const QJsonObject j = o->toJson();
        for (const char *key :
             {"engine", "version", "database", "size_bytes", "table_count", "tables", "journal_mode", "wal_bytes"})
            QVERIFY2(j.contains(QLatin1String(key)), key);
        QCOMPARE(j.value(QStringLiteral("table_count")).toInt(), 3);
        QCOMPARE(j.value(QStringLiteral("journal_mode")).toString(), QStringLiteral("delete"));
    }

    void dataDirectorySumsItsStores()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("trading")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("signals")));
        const QString a = dir.filePath(QStringLiteral("trading/trading.db"));
        const QString b = dir.filePath(QStringLiteral("signals/signals.sqlite"));
        QVERIFY(SqliteFixture::createTradingStore(a, 5, false));
        QVERIFY(SqliteFixture::create(b, {QStringLiteral("CREATE TABLE signals (id INTEGER PRIMARY KEY, s TEXT)")}));
        auto o = OverviewProbe::collect(Target::dataDir(dir.path()), SessionOptions::monitor());
        QVERIFY2(o.ok(), qPrintable(o.error().oneLine()));
        QCOMPARE(o->stores.size(), 2);
        QCOMPARE(o->tables.size(), 4);
        QVERIFY(o->tables.contains(QStringLiteral("trading/trading.db:trades")));
        QVERIFY(o->tables.contains(QStringLiteral("signals/signals.sqlite:signals")));
        QCOMPARE(o->sizeBytes, QFileInfo(a).size() + QFileInfo(b).size());
        QVERIFY(o->problems.isEmpty());
    }

    void emptyDirectoryIsNotFound()
    {
        QTemporaryDir dir;
        auto o = OverviewProbe::collect(Target::dataDir(dir.path()), SessionOptions::monitor());
        QVERIFY(!o.ok());
        QCOMPARE(o.error().code, ErrorCode::NotFound);
        QVERIFY(o.error().message.contains(QStringLiteral("no SQLite store")));
    }
};

QTEST_GUILESS_MAIN(TestOverview)
#include "tst_overview.moc"
