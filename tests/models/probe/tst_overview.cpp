// The overview of SQLite stores and data directories shows the store's real values.
#include "connection/connector.h"
#include "probe/overview.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestOverview : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // A migrations folder holding alembic revisions `from`..`to` ("010".."015"), each pointing at the one before.
    QString alembicFolder(const QString &name, int from, int to)
    {
        const QString dir = m_dir.filePath(name);
        if (!QDir().mkpath(dir))
            return {};
        for (int i = from; i <= to; ++i) {
            const QString rev = QStringLiteral("%1").arg(i, 3, 10, QLatin1Char('0'));
            const QString down =
                i == from ? QStringLiteral("None") : QStringLiteral("'%1'").arg(i - 1, 3, 10, QLatin1Char('0'));
            QFile f(QStringLiteral("%1/%2_step.py").arg(dir, rev));
            if (!f.open(QIODevice::WriteOnly))
                return {};
            f.write(QStringLiteral("revision = '%1'\ndown_revision = %2\n").arg(rev, down).toUtf8());
        }
        return dir;
    }

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

    void schemaLine_data()
    {
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<int>("lastFile"); // alembic revisions 010..lastFile in the folder; 0: no folder
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("status");
        const QStringList alembic{
            QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT "
                           "alembic_version_pkc PRIMARY KEY (version_num))"),
            QStringLiteral("INSERT INTO alembic_version VALUES ('012')"), QStringLiteral("CREATE TABLE t (id int)")};
        QTest::newRow("alembic, 3 pending") << alembic << 15 << "schema: alembic v012, 3 pending"
                                            << "warn";
        QTest::newRow("alembic, up to date") << alembic << 12 << "schema: alembic v012, up to date"
                                             << "ok";
        QTest::newRow("alembic, no folder") << alembic << 0 << "schema: alembic v012"
                                            << "ok";
        QTest::newRow("no migration table")
            << QStringList{QStringLiteral("CREATE TABLE t (id int)")} << 15 << "schema: no migration table"
            << "ok";
    }

    void schemaLine()
    {
        QFETCH(QStringList, statements);
        QFETCH(int, lastFile);
        const QString db = m_dir.filePath(QStringLiteral("schema-%1.db").arg(QTest::currentDataTag()));
        QVERIFY(SqliteFixture::create(db, statements));
        const QString folder =
            lastFile ? alembicFolder(QStringLiteral("alembic-%1").arg(QTest::currentDataTag()), 10, lastFile)
                     : QString();
        QVERIFY(!lastFile || !folder.isEmpty());
        const Target target = Target::sqliteFile(db);
        ScopedConnection conn(target, SessionOptions::monitor(), QStringLiteral("overview-test"));
        QVERIFY(conn.ok());
        auto o = OverviewProbe::run(conn.db(), target);
        QVERIFY(o.ok());
        QCOMPARE(o->schema, QString()); // only addSchema reads it
        OverviewProbe::addSchema(o.value(), conn.db(), target, SessionOptions::monitor(), folder);
        QTEST(o->schema, "line");
        QTEST(o->schemaStatus, "status");
        QTEST(o->toJson().value(QStringLiteral("schema")).toString(), "line");
    }

    void schemaLineOfDataDirectoryNamesTheStore()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("trading")));
        QVERIFY(SqliteFixture::create(
            dir.filePath(QStringLiteral("trading/trading.db")),
            {QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"),
             QStringLiteral("INSERT INTO alembic_version VALUES ('012')")}));
        const QString folder = alembicFolder(QStringLiteral("alembic-datadir"), 10, 14);
        const Target target = Target::dataDir(dir.path());
        auto o = OverviewProbe::runDataDir(target, SessionOptions::monitor());
        QVERIFY(o.ok());
        OverviewProbe::addSchema(o.value(), {}, target, SessionOptions::monitor(), folder);
        QCOMPARE(o->schema, QStringLiteral("schema: trading/trading.db alembic v012, 2 pending"));
    }

    void missingFolderMakesTheLineUnreadable()
    {
        const QString db = m_dir.filePath(QStringLiteral("nofolder.db"));
        QVERIFY(SqliteFixture::create(db, {QStringLiteral("CREATE TABLE t (id int)")}));
        Overview o;
        OverviewProbe::addSchema(o, {}, Target::sqliteFile(db), SessionOptions::monitor(),
                                 m_dir.filePath(QStringLiteral("gone")));
        QVERIFY2(o.schema.startsWith(QLatin1String("schema: unreadable (no such migrations folder")),
                 qPrintable(o.schema));
        QCOMPARE(o.schemaStatus, QStringLiteral("warn"));
    }

    void emptyDirectoryIsNotFound()
    {
        QTemporaryDir dir;
        auto o = OverviewProbe::collect(Target::dataDir(dir.path()), SessionOptions::monitor());
        QVERIFY(!o.ok());
        QCOMPARE(o.error().code, ErrorCode::NotFound);
        QVERIFY(o.error().message.contains(QStringLiteral("no store found")));
    }
};

QTEST_GUILESS_MAIN(TestOverview)
#include "tst_overview.moc"
