// Migration state of each framework, read from real SQLite files laid out exactly as the tool writes them
// (DDL copied from the tools), and compared with migration folders holding that tool's files.
#include "connection/connector.h"
#include "ctsmigrations.h"
#include "demo/demostore.h"
#include "schema/migrationcompare.h"
#include "schema/migrationfiles.h"
#include "schema/migrationprobe.h"
#include "schema/migrationreader.h"
#include "schema/versionorder.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::CtsCase;
using dbops::test::CtsMigrations;
using dbops::test::SqliteFixture;

namespace {

using Files = QList<QPair<QString, QByteArray>>;

struct Case {
    const char *label;
    QStringList statements;
    Files files;
    QString tool;
    QString current;
    int applied;
    QStringList failed;
    bool dirty;
    bool locked;
    QStringList pending, missing, changed, outOfOrder;
};

const QByteArray kFlywayV1 = "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n"; // CRC32 -279898995
const QByteArray kPrismaInit = "CREATE TABLE users (id INTEGER PRIMARY KEY);\n";
const char *kPrismaInitSha = "6869107c4910d8df4680ee89aff9924b65ae79c81b5b78478f2b12f90254f6c5";
const QByteArray kDrizzleInit = "CREATE TABLE t (id integer);\n";
const char *kDrizzleInitSha = "87f3f19e917c318af81ab82207b05e02d058add6bb7cde86989006b6bd2941d0";

QList<Case> cases()
{
    QList<Case> c;
    c << Case{
        "seed-003 schema_migrations",
        {"CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
         "INSERT INTO schema_migrations VALUES ('001','initial','2024-01-01T09:00:00Z'),"
         "('003','candles','2024-01-03T09:00:00Z'),('005','signals','2024-01-05T09:00:00Z')"},
        {{"001_initial.sql", "--"},
         {"002_trades.sql", "--"},
         {"003_candles.sql", "--"},
         {"006_more.sql", "--"},
         {"README.md", "not a migration"}},
        "schema_migrations",
        "005",
        3,
        {},
        false,
        false,
        {"002", "006"},
        {"005"},
        {},
        {"002"}};
    c << Case{"golang-migrate dirty",
              {"CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool)",
               "CREATE UNIQUE INDEX version_unique ON schema_migrations (version)",
               "INSERT INTO schema_migrations VALUES (3, 1)"},
              {{"1_init.up.sql", "--"},
               {"1_init.down.sql", "--"},
               {"2_b.up.sql", "--"},
               {"3_c.up.sql", "--"},
               {"4_d.up.sql", "--"}},
              "golang-migrate",
              "3",
              1,
              {"3"},
              true,
              false,
              {"4"},
              {},
              {},
              {}};
    c << Case{
        "rails",
        {"CREATE TABLE \"schema_migrations\" (\"version\" varchar NOT NULL PRIMARY KEY)",
         "CREATE TABLE \"ar_internal_metadata\" (\"key\" varchar NOT NULL PRIMARY KEY, \"value\" varchar, "
         "\"created_at\" datetime(6) NOT NULL, \"updated_at\" datetime(6) NOT NULL)",
         "INSERT INTO schema_migrations VALUES ('20240101000000'),('20240201000000')"},
        {{"20240101000000_create_users.rb", "#"}, {"20240201000000_add_x.rb", "#"}, {"20240301000000_add_y.rb", "#"}},
        "rails",
        "20240201000000",
        2,
        {},
        false,
        false,
        {"20240301000000"},
        {},
        {},
        {}};
    c << Case{"flyway",
              {"CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT NOT NULL PRIMARY KEY, \"version\" "
               "VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL, \"script\" "
               "VARCHAR(1000) NOT NULL, \"checksum\" INT, \"installed_by\" VARCHAR(100) NOT NULL, \"installed_on\" "
               "TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')), \"execution_time\" INT NOT NULL, "
               "\"success\" BOOLEAN NOT NULL)",
               "INSERT INTO flyway_schema_history VALUES (1,'1','init','SQL','V1__init.sql',-279898995,'bot',"
               "'2024-01-01 10:00:00.000',5,1),(2,'1.1','add x','SQL','V1_1__add_x.sql',12345,'bot',"
               "'2024-01-02 10:00:00.000',5,1),(3,'2','broken','SQL','V2__broken.sql',0,'bot',"
               "'2024-01-03 10:00:00.000',5,0)"},
              {{"V1__init.sql", kFlywayV1},
               {"V1_1__add_x.sql", "ALTER TABLE a ADD x int;\n"},
               {"V2__broken.sql", "oops"},
               {"V3__next.sql", "--"}},
              "flyway",
              "1.1",
              3,
              {"2"},
              false,
              false,
              {"3"},
              {},
              {"1.1"},
              {}};
    c << Case{"liquibase stale lock",
              {"CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, FILENAME "
               "VARCHAR(255) NOT NULL, DATEEXECUTED TEXT NOT NULL, ORDEREXECUTED INTEGER NOT NULL, EXECTYPE "
               "VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG "
               "VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID "
               "VARCHAR(10))",
               "CREATE TABLE DATABASECHANGELOGLOCK (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL, LOCKGRANTED TEXT, "
               "LOCKEDBY VARCHAR(255), CONSTRAINT PK_DATABASECHANGELOGLOCK PRIMARY KEY (ID))",
               "INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE, MD5SUM) "
               "VALUES ('create-users','alice','db/changelog.xml','2024-01-01 10:00:00',1,'EXECUTED','9:aa'),"
               "('add-index','alice','db/changelog.xml','2024-01-02 10:00:00',2,'EXECUTED','9:bb')",
               "INSERT INTO DATABASECHANGELOGLOCK VALUES (1, 1, '2024-01-02T10:00:00Z', 'host1 (10.0.0.1)')"},
              {},
              "liquibase",
              "add-index",
              2,
              {},
              false,
              true,
              {},
              {},
              {},
              {}};
    c << Case{"alembic two heads",
              {"CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc "
               "PRIMARY KEY (version_num))",
               "INSERT INTO alembic_version VALUES ('b2'),('c1')"},
              {{"a1_init.py", "revision = 'a1'\ndown_revision = None\n"},
               {"b1_x.py", "revision = 'b1'\ndown_revision = 'a1'\n"},
               {"b2_y.py", "revision: str = 'b2'\ndown_revision: Union[str, None] = 'b1'\n"},
               {"c1_z.py", "revision = \"c1\"\ndown_revision = \"a1\"\n"},
               {"m1_merge.py", "revision = 'm1'\ndown_revision = ('b2', 'c1')\n"}},
              "alembic",
              "b2, c1",
              2,
              {},
              false,
              false,
              {"m1"},
              {},
              {},
              {}};
    c << Case{"alembic head without file",
              {"CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc "
               "PRIMARY KEY (version_num))",
               "INSERT INTO alembic_version VALUES ('zz9')"},
              {{"versions/a1_init.py", "revision = 'a1'\ndown_revision = None\n"}},
              "alembic",
              "zz9",
              1,
              {},
              false,
              false,
              {"a1"},
              {"zz9"},
              {},
              {}};
    c << Case{"django",
              {"CREATE TABLE \"django_migrations\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"app\" "
               "varchar(255) NOT NULL, \"name\" varchar(255) NOT NULL, \"applied\" datetime NOT NULL)",
               "INSERT INTO django_migrations (app, name, applied) VALUES ('contenttypes','0001_initial',"
               "'2024-01-01 10:00:00'),('auth','0001_initial','2024-01-01 10:00:01'),('auth','0003_x',"
               "'2024-01-01 10:00:02')"},
              {{"auth/migrations/0001_initial.py", "#"},
               {"auth/migrations/0002_y.py", "#"},
               {"auth/migrations/0003_x.py", "#"},
               {"auth/migrations/0004_z.py", "#"},
               {"auth/migrations/__init__.py", ""},
               {"contenttypes/migrations/0001_initial.py", "#"},
               {"contenttypes/migrations/0002_remove.py", "#"}},
              "django",
              "auth.0003_x",
              3,
              {},
              false,
              false,
              {"auth.0002_y", "auth.0004_z", "contenttypes.0002_remove"},
              {},
              {},
              {"auth.0002_y"}};
    c << Case{"knex locked",
              {"create table `knex_migrations` (`id` integer not null primary key autoincrement, `name` "
               "varchar(255), `batch` integer, `migration_time` datetime)",
               "create table `knex_migrations_lock` (`index` integer not null primary key autoincrement, "
               "`is_locked` integer)",
               "insert into knex_migrations (name, batch, migration_time) values ('20240101_a.js',1,1704103200000),"
               "('20240102_b.js',2,1704189600000)",
               "insert into knex_migrations_lock (is_locked) values (1)"},
              {{"20240101_a.js", "//"}, {"20240102_b.js", "//"}, {"20240103_c.js", "//"}},
              "knex",
              "20240102_b.js",
              2,
              {},
              false,
              true,
              {"20240103_c.js"},
              {},
              {},
              {}};
    c << Case{"prisma failed",
              {"CREATE TABLE \"_prisma_migrations\" (\"id\" TEXT PRIMARY KEY NOT NULL, \"checksum\" TEXT NOT NULL, "
               "\"finished_at\" DATETIME, \"migration_name\" TEXT NOT NULL, \"logs\" TEXT, \"rolled_back_at\" "
               "DATETIME, \"started_at\" DATETIME NOT NULL DEFAULT current_timestamp, \"applied_steps_count\" "
               "INTEGER UNSIGNED NOT NULL DEFAULT 0)",
               QStringLiteral("INSERT INTO _prisma_migrations VALUES ('u1','%1',1704103200000,'20240101_init',NULL,"
                              "NULL,1704103200000,1),('u2','deadbeef',1704189600000,'20240102_add',NULL,NULL,"
                              "1704189600000,1),('u3','cafe',NULL,'20240103_bad','error',NULL,1704276000000,0),"
                              "('u4','beef',NULL,'20240103_bad_rolled',NULL,1704276000001,1704276000000,0)")
                   .arg(QLatin1String(kPrismaInitSha))},
              {{"20240101_init/migration.sql", kPrismaInit},
               {"20240102_add/migration.sql", "ALTER TABLE x;\n"},
               {"20240103_bad/migration.sql", "--"},
               {"20240104_new/migration.sql", "--"},
               {"migration_lock.toml", "provider = \"sqlite\""}},
              "prisma",
              "20240102_add",
              2,
              {"20240103_bad"},
              false,
              false,
              {"20240104_new"},
              {},
              {"20240102_add"},
              {}};
    c << Case{"node-pg-migrate",
              {"CREATE TABLE pgmigrations (id INTEGER PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT "
               "NULL)",
               "INSERT INTO pgmigrations (name, run_on) VALUES ('1700000000000_init','2024-01-01 10:00:00')"},
              {{"1700000000000_init.js", "//"}, {"1700000000001_more.js", "//"}},
              "node-pg-migrate",
              "1700000000000_init",
              1,
              {},
              false,
              false,
              {"1700000000001_more"},
              {},
              {},
              {}};
    c << Case{"typeorm",
              {"CREATE TABLE \"migrations\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"timestamp\" bigint "
               "NOT NULL, \"name\" varchar NOT NULL)",
               "INSERT INTO migrations (timestamp, name) VALUES (1700000000000,'Init1700000000000')"},
              {{"1700000000000-Init.ts", "//"}, {"1700000000001-Add.ts", "//"}},
              "typeorm",
              "1700000000000",
              1,
              {},
              false,
              false,
              {"1700000000001"},
              {},
              {},
              {}};
    c << Case{"sequelize",
              {"CREATE TABLE `SequelizeMeta` (`name` VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY)",
               "INSERT INTO SequelizeMeta VALUES ('20240101000000-create-user.js')"},
              {{"20240101000000-create-user.js", "//"}, {"20240102000000-add-x.js", "//"}},
              "sequelize",
              "20240101000000-create-user.js",
              1,
              {},
              false,
              false,
              {"20240102000000-add-x.js"},
              {},
              {},
              {}};
    c << Case{"drizzle",
              {"CREATE TABLE IF NOT EXISTS \"__drizzle_migrations\" (id SERIAL PRIMARY KEY, hash text NOT NULL, "
               "created_at numeric)",
               QStringLiteral("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('%1', 1700000000000)")
                   .arg(QLatin1String(kDrizzleInitSha))},
              {{"0000_init.sql", kDrizzleInit},
               {"0001_more.sql", "--"},
               {"meta/_journal.json",
                R"({"version":"5","dialect":"sqlite","entries":[)"
                R"({"idx":0,"version":"5","when":1700000000000,"tag":"0000_init","breakpoints":true},)"
                R"({"idx":1,"version":"5","when":1700000100000,"tag":"0001_more","breakpoints":true}]})"}},
              "drizzle",
              "1700000000000",
              1,
              {},
              false,
              false,
              {"1700000100000"},
              {},
              {},
              {}};
    c << Case{"user_version",
              {"CREATE TABLE t (id INTEGER PRIMARY KEY)", "PRAGMA user_version = 7"},
              {},
              "user_version",
              "7",
              0,
              {},
              false,
              false,
              {},
              {},
              {},
              {}};
    return c;
}

QStringList versions(const QList<MigrationEntry> &list)
{
    QStringList v;
    for (const MigrationEntry &e : list)
        v << e.version;
    return v;
}

QStringList names(const QList<MigrationEntry> &list)
{
    QStringList v;
    for (const MigrationEntry &e : list)
        v << e.name;
    return v;
}

bool writeFiles(const QString &dir, const Files &files)
{
    for (const auto &[name, data] : files) {
        const QString path = dir + QLatin1Char('/') + name;
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            return false;
    }
    return true;
}

Expected<QList<MigrationState>> readStore(const QString &path)
{
    ScopedConnection conn(Target::sqliteFile(path), SessionOptions::monitor(), QStringLiteral("test"));
    if (!conn.ok())
        return conn.error();
    return MigrationReader::read(conn.db(), QStringLiteral("sqlite"),
                                 QDateTime(QDate(2024, 1, 2), QTime(10, 30), Qt::UTC));
}

} // namespace

class TestMigrations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsState_data();
    void readsState();
    void comparesFolder_data();
    void comparesFolder();
    void sharedVersionsMatchByName_data();
    void sharedVersionsMatchByName();
    void sharedVersionsCurrentIsNewestName();
    void storedChecksumInAnotherFormIsNotCompared();
    void liquibaseLockFreshIsNotStale();
    void severalToolsInOneStore();
    void dataDirReadsStoresAndSchemaVersionFiles();
    void demoStoreHasPendingMigrations();
    void summaryLine_data();
    void summaryLine();
    void noToolFound();
    void flywayChecksumMatchesJavaCrc32();
    void versionOrderIsNumeric();
    void missingFolderIsAnError();
    void djangoAppsOutsideTheFolderAreNotMissing_data();
    void djangoAppsOutsideTheFolderAreNotMissing();
    void labelsNameAppliedAndPendingAlike_data();
    void labelsNameAppliedAndPendingAlike();
    void demoFolderIsFoundBesideTheStore();

private:
    QTemporaryDir m_tmp;
};

void TestMigrations::readsState_data()
{
    QTest::addColumn<int>("index");
    const QList<Case> all = cases();
    for (int i = 0; i < all.size(); ++i)
        QTest::newRow(all[i].label) << i;
}

void TestMigrations::readsState()
{
    QFETCH(int, index);
    const Case c = cases().at(index);
    const QString path = m_tmp.filePath(QStringLiteral("state-%1.db").arg(index));
    QVERIFY(SqliteFixture::create(path, c.statements));
    auto tools = readStore(path);
    QVERIFY2(tools, qPrintable(tools.error().oneLine()));
    QCOMPARE(tools->size(), 1);
    const MigrationState &s = tools->first();
    QCOMPARE(s.tool, c.tool);
    QCOMPARE(s.current, c.current);
    QCOMPARE(s.applied.size(), c.applied);
    QCOMPARE(versions(s.failed), c.failed);
    QCOMPARE(s.dirty, c.dirty);
    QCOMPARE(s.locked, c.locked);
    QVERIFY(!s.folderCompared);
    QCOMPARE(s.status(), !c.failed.isEmpty() || c.dirty ? QStringLiteral("critical")
                         : c.locked                     ? QStringLiteral("warn")
                                                        : QStringLiteral("ok"));
}

void TestMigrations::comparesFolder_data()
{
    QTest::addColumn<int>("index");
    const QList<Case> all = cases();
    for (int i = 0; i < all.size(); ++i)
        if (!all[i].files.isEmpty())
            QTest::newRow(all[i].label) << i;
}

void TestMigrations::comparesFolder()
{
    QFETCH(int, index);
    const Case c = cases().at(index);
    const QString path = m_tmp.filePath(QStringLiteral("cmp-%1.db").arg(index));
    const QString dir = m_tmp.filePath(QStringLiteral("cmp-%1").arg(index));
    QVERIFY(SqliteFixture::create(path, c.statements));
    QVERIFY(writeFiles(dir, c.files));
    auto report = MigrationProbe::collect(Target::sqliteFile(path), SessionOptions::monitor(), dir);
    QVERIFY2(report, qPrintable(report.error().oneLine()));
    QCOMPARE(report->tools.size(), 1);
    const MigrationState &s = report->tools.first();
    QVERIFY2(s.folderCompared, qPrintable(s.notes.join(QLatin1Char('\n'))));
    QCOMPARE(versions(s.pending), c.pending);
    QCOMPARE(versions(s.missingFiles), c.missing);
    QCOMPARE(versions(s.changed), c.changed);
    QCOMPARE(versions(s.outOfOrder), c.outOfOrder);
}

void TestMigrations::sharedVersionsMatchByName_data()
{
    QTest::addColumn<int>("index");
    const QList<CtsCase> all = CtsMigrations::cases();
    for (int i = 0; i < all.size(); ++i)
        QTest::newRow(all[i].label) << i;
}

// The CTS bot's store: versions repeat, names do not. A deleted, edited or unapplied file that shares its
// version with another is found, named by its full name.
void TestMigrations::sharedVersionsMatchByName()
{
    QFETCH(int, index);
    const CtsCase c = CtsMigrations::cases().at(index);
    const QString path = m_tmp.filePath(QStringLiteral("cts-%1.db").arg(index));
    const QString dir = m_tmp.filePath(QStringLiteral("cts-%1").arg(index));
    QVERIFY(SqliteFixture::create(path, CtsMigrations::statements(QStringLiteral("sqlite"), c)));
    QVERIFY(CtsMigrations::writeFolder(dir, c));
    auto report = MigrationProbe::collect(Target::sqliteFile(path), SessionOptions::monitor(), dir);
    QVERIFY2(report, qPrintable(report.error().oneLine()));
    QCOMPARE(report->tools.size(), 1);
    const MigrationState &s = report->tools.first();
    QVERIFY(s.folderCompared);
    QCOMPARE(names(s.missingFiles), c.missing);
    QCOMPARE(names(s.changed), c.changed);
    QCOMPARE(names(s.pending), c.pending);
    QCOMPARE(names(s.outOfOrder), c.outOfOrder);
    QCOMPARE(s.status(), c.missing.isEmpty() && c.changed.isEmpty() && c.pending.isEmpty() ? QStringLiteral("ok")
                                                                                           : QStringLiteral("warn"));
}

void TestMigrations::sharedVersionsCurrentIsNewestName()
{
    const QString path = m_tmp.filePath(QStringLiteral("cts-current.db"));
    QVERIFY(SqliteFixture::create(path, CtsMigrations::statements(QStringLiteral("sqlite"), {})));
    auto tools = readStore(path);
    QVERIFY2(tools, qPrintable(tools.error().oneLine()));
    QCOMPARE(tools->first().applied.size(), 70);
    QCOMPARE(tools->first().current, CtsMigrations::newestName());
}

// A runner that stores a checksum dbops does not compute (here MD5) gets no "changed" for every file.
void TestMigrations::storedChecksumInAnotherFormIsNotCompared()
{
    const QString path = m_tmp.filePath(QStringLiteral("cts-md5.db"));
    const QString dir = m_tmp.filePath(QStringLiteral("cts-md5"));
    QVERIFY(SqliteFixture::create(
        path, {"CREATE TABLE schema_migrations (version TEXT NOT NULL, name TEXT NOT NULL UNIQUE, checksum TEXT)",
               "INSERT INTO schema_migrations VALUES ('001','001_init','0cc175b9c0f1b6a831c399e269772661')"}));
    QVERIFY(writeFiles(dir, {{"001_init.sql", "--"}}));
    auto report = MigrationProbe::collect(Target::sqliteFile(path), SessionOptions::monitor(), dir);
    QVERIFY(report);
    QVERIFY(report->tools.first().changed.isEmpty());
    QCOMPARE(report->tools.first().status(), QStringLiteral("ok"));
}

void TestMigrations::liquibaseLockFreshIsNotStale()
{
    const QString path = m_tmp.filePath(QStringLiteral("lb-fresh.db"));
    QVERIFY(SqliteFixture::create(
        path, {"CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, FILENAME "
               "VARCHAR(255) NOT NULL, DATEEXECUTED TEXT NOT NULL, ORDEREXECUTED INTEGER NOT NULL, EXECTYPE "
               "VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35))",
               "CREATE TABLE DATABASECHANGELOGLOCK (ID INTEGER NOT NULL PRIMARY KEY, LOCKED BOOLEAN NOT NULL, "
               "LOCKGRANTED TEXT, LOCKEDBY VARCHAR(255))",
               "INSERT INTO DATABASECHANGELOGLOCK VALUES (1, 1, '2024-01-02T10:28:00Z', 'host1')"}));
    auto tools = readStore(path); // "now" is 10:30, the lock 2 min old: below the 5 min threshold
    QVERIFY(tools);
    QVERIFY(tools->first().locked);
    QVERIFY(!tools->first().lockStale);
}

void TestMigrations::severalToolsInOneStore()
{
    const QString path = m_tmp.filePath(QStringLiteral("several.db"));
    QVERIFY(SqliteFixture::create(
        path, {"CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, name TEXT, applied_at TEXT)",
               "INSERT INTO schema_migrations VALUES ('065','x','2024-01-01T00:00:00Z')",
               "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
               "INSERT INTO alembic_version VALUES ('ae1027a6acf')", "PRAGMA user_version = 3"}));
    auto report = MigrationProbe::collect(Target::sqliteFile(path), SessionOptions::monitor());
    QVERIFY(report);
    QStringList tools;
    for (const MigrationState &s : report->tools)
        tools << s.tool + QLatin1Char('=') + s.current;
    QCOMPARE(tools, QStringList({"schema_migrations=065", "alembic=ae1027a6acf", "user_version=3"}));
    const QJsonObject json = report->toJson();
    QCOMPARE(json.value(QStringLiteral("migrations")).toArray().size(), 3);
}

void TestMigrations::dataDirReadsStoresAndSchemaVersionFiles()
{
    const QString root = m_tmp.filePath(QStringLiteral("datadir"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/trading")));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/market_data")));
    QVERIFY(
        SqliteFixture::create(root + QStringLiteral("/trading/trading.db"),
                              {"CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, name TEXT, applied_at TEXT)",
                               "INSERT INTO schema_migrations VALUES ('012','x','2024-01-01T00:00:00Z')"}));
    QVERIFY(writeFiles(root, {{"market_data/.schema_version", "1.0.0\n"}}));
    auto report = MigrationProbe::collect(Target::dataDir(root), SessionOptions::monitor());
    QVERIFY2(report, qPrintable(report.error().oneLine()));
    QCOMPARE(report->tools.size(), 2);
    QStringList seen;
    for (const MigrationState &s : report->tools)
        seen << s.store + QLatin1Char(' ') + s.tool + QLatin1Char(' ') + s.current;
    seen.sort();
    QCOMPARE(seen, QStringList({"market_data/.schema_version schema_version_file 1.0.0",
                                "trading/trading.db schema_migrations 012"}));
}

void TestMigrations::demoStoreHasPendingMigrations()
{
    const QString root = m_tmp.filePath(QStringLiteral("demo"));
    DemoOptions small;
    small.days = 2;
    small.marketDataDays = 1;
    const Error made = DemoStore::create(root, small);
    QVERIFY2(!made, qPrintable(made.oneLine()));
    auto report =
        MigrationProbe::collect(Target::sqliteFile(root + QStringLiteral("/trading/trading.db")),
                                SessionOptions::monitor(), QString(root + QStringLiteral("/trading/migrations")));
    QVERIFY(report);
    QCOMPARE(report->tools.size(), 1);
    QCOMPARE(report->tools.first().current, QStringLiteral("012"));
    QCOMPARE(versions(report->tools.first().pending), QStringList({"013", "014", "015"}));
    QCOMPARE(report->summary(), QStringLiteral("schema: v012, 3 pending"));
}

void TestMigrations::summaryLine_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("current");
    QTest::addColumn<bool>("folderCompared");
    QTest::addColumn<int>("pending");
    QTest::addColumn<int>("missing");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QString>("status");
    QTest::newRow("pending and missing") << "schema_migrations"
                                         << "065" << true << 5 << 1 << "schema: v065, 5 pending, 1 missing"
                                         << "warn";
    QTest::newRow("missing only") << "schema_migrations"
                                  << "065" << true << 0 << 1 << "schema: v065, 1 missing"
                                  << "warn";
    QTest::newRow("folder compared, up to date") << "schema_migrations"
                                                 << "065" << true << 0 << 0 << "schema: v065, up to date"
                                                 << "ok";
    QTest::newRow("no folder: pending unknown") << "schema_migrations"
                                                << "065" << false << 0 << 0 << "schema: v065"
                                                << "ok";
    QTest::newRow("alembic numeric revision") << "alembic"
                                              << "012" << true << 3 << 0 << "schema: alembic v012, 3 pending"
                                              << "warn";
    QTest::newRow("alembic hash revision")
        << "alembic"
        << "ae1027a6acf" << true << 0 << 0 << "schema: alembic ae1027a6acf, up to date"
        << "ok";
}

void TestMigrations::summaryLine()
{
    QFETCH(QString, tool);
    QFETCH(QString, current);
    QFETCH(bool, folderCompared);
    QFETCH(int, pending);
    QFETCH(int, missing);
    MigrationState s;
    s.tool = tool;
    s.current = current;
    s.folderCompared = folderCompared;
    s.pending.resize(pending);
    s.missingFiles.resize(missing);
    MigrationReport r;
    r.tools << s;
    QTEST(r.summary(), "summary");
    QTEST(r.status(), "status");
}

void TestMigrations::noToolFound()
{
    const QString path = m_tmp.filePath(QStringLiteral("none.db"));
    QVERIFY(SqliteFixture::create(path, {"CREATE TABLE t (id INTEGER PRIMARY KEY)"}));
    auto report = MigrationProbe::collect(Target::sqliteFile(path), SessionOptions::monitor());
    QVERIFY(report);
    QVERIFY(report->tools.isEmpty());
    QCOMPARE(report->summary(), QStringLiteral("schema: no migration table"));
    QCOMPARE(report->status(), QStringLiteral("ok"));
}

void TestMigrations::flywayChecksumMatchesJavaCrc32()
{
    // Values from Java's CRC32 fed line by line (computed independently with zlib.crc32 over the lines).
    QCOMPARE(MigrationFiles::flywayChecksum(kFlywayV1), -279898995);
    QCOMPARE(MigrationFiles::flywayChecksum("CREATE TABLE b (id int);\r\n"), 1128195672);
    QCOMPARE(MigrationFiles::flywayChecksum("\xEF\xBB\xBF"
                                            "CREATE TABLE b (id int);\n"),
             1128195672);
}

void TestMigrations::versionOrderIsNumeric()
{
    QVERIFY(VersionOrder::less(QStringLiteral("9"), QStringLiteral("10")));
    QVERIFY(VersionOrder::less(QStringLiteral("1.9"), QStringLiteral("1.10")));
    QVERIFY(VersionOrder::less(QStringLiteral("002"), QStringLiteral("10")));
    QCOMPARE(VersionOrder::compare(QStringLiteral("012"), QStringLiteral("12")), 0);
    QVERIFY(!VersionOrder::less(QStringLiteral("20240201000000"), QStringLiteral("20240101000000")));
}

void TestMigrations::missingFolderIsAnError()
{
    const QString path = m_tmp.filePath(QStringLiteral("nofolder.db"));
    QVERIFY(SqliteFixture::create(path, {"CREATE TABLE t (id INTEGER PRIMARY KEY)"}));
    auto report = MigrationProbe::collect(Target::sqliteFile(path), SessionOptions::monitor(),
                                          m_tmp.filePath(QStringLiteral("no-such-dir")));
    QVERIFY(!report);
    QCOMPARE(report.error().code, ErrorCode::NotFound);
}

// The folder compared is the project's: its apps' files. Rows of apps it does not hold (Django's own, installed
// packages') are not missing files; a project app's deleted file still is.
void TestMigrations::djangoAppsOutsideTheFolderAreNotMissing_data()
{
    QTest::addColumn<QString>("app");
    QTest::addColumn<QStringList>("missing");
    for (const char *app : {"auth", "contenttypes", "admin", "sessions", "messages", "staticfiles"})
        QTest::newRow(app) << QString::fromLatin1(app) << QStringList();
    QTest::newRow("the project's own app") << QStringLiteral("trading") << QStringList{"trading.0002_gone"};
}

void TestMigrations::djangoAppsOutsideTheFolderAreNotMissing()
{
    QFETCH(QString, app);
    QFETCH(QStringList, missing);
    const QString path = m_tmp.filePath(QStringLiteral("django-%1.db").arg(app));
    const QString dir = m_tmp.filePath(QStringLiteral("django-%1").arg(app));
    const QString second = app == QLatin1String("trading") ? QStringLiteral("0002_gone") : QStringLiteral("0002_x");
    QVERIFY(SqliteFixture::create(
        path, {"CREATE TABLE \"django_migrations\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"app\" "
               "varchar(255) NOT NULL, \"name\" varchar(255) NOT NULL, \"applied\" datetime NOT NULL)",
               QStringLiteral("INSERT INTO django_migrations (app, name, applied) VALUES ('trading','0001_initial',"
                              "'2024-01-01 10:00:00'),('%1','%2','2024-01-01 10:00:01')")
                   .arg(app, second)}));
    QVERIFY(writeFiles(dir, {{"trading/migrations/__init__.py", ""}, {"trading/migrations/0001_initial.py", "#"}}));
    auto report = MigrationProbe::collect(Target::sqliteFile(path), SessionOptions::monitor(), dir);
    QVERIFY2(report, qPrintable(report.error().oneLine()));
    const MigrationState &s = report->tools.first();
    QCOMPARE(versions(s.missingFiles), missing);
    QCOMPARE(s.status(), missing.isEmpty() ? QStringLiteral("ok") : QStringLiteral("warn"));
    if (missing.isEmpty())
        QVERIFY2(s.notes.join(QLatin1Char('\n')).contains(app), qPrintable(s.notes.join(QLatin1Char('\n'))));
}

void TestMigrations::labelsNameAppliedAndPendingAlike_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("label");
    QTest::newRow("a description gets its version") << "schema_migrations"
                                                    << "013"
                                                    << "trades_fee_asset"
                                                    << "013_trades_fee_asset";
    QTest::newRow("a file name keeps its version once") << "schema_migrations"
                                                        << "051"
                                                        << "051_add_partial_indexes"
                                                        << "051_add_partial_indexes";
    QTest::newRow("golang-migrate keeps no name") << "golang-migrate"
                                                  << "20240101"
                                                  << ""
                                                  << "20240101";
    QTest::newRow("flyway's words") << "flyway"
                                    << "1.2"
                                    << "add fees"
                                    << "1.2 add fees";
    QTest::newRow("knex is keyed by file name") << "knex"
                                                << "20240101_a.js"
                                                << "batch 1"
                                                << "20240101_a.js";
    QTest::newRow("django's app and name") << "django"
                                           << "auth.0001_initial"
                                           << "0001_initial"
                                           << "auth.0001_initial";
}

void TestMigrations::labelsNameAppliedAndPendingAlike()
{
    QFETCH(QString, tool);
    QFETCH(QString, version);
    QFETCH(QString, name);
    QFETCH(QString, label);
    MigrationState s;
    s.tool = tool;
    MigrationEntry e;
    e.version = version;
    e.name = name;
    QCOMPARE(s.label(e), label);
}

// Without a folder given, the one beside the store is compared, and the report says so.
void TestMigrations::demoFolderIsFoundBesideTheStore()
{
    const QString root = m_tmp.filePath(QStringLiteral("demo-beside"));
    DemoOptions small;
    small.days = 2;
    small.marketDataDays = 1;
    const Error made = DemoStore::create(root, small);
    QVERIFY2(!made, qPrintable(made.oneLine()));
    auto report = MigrationProbe::collect(Target::sqliteFile(root + QStringLiteral("/trading/trading.db")),
                                          SessionOptions::monitor());
    QVERIFY(report);
    const MigrationState &s = report->tools.first();
    QCOMPARE(versions(s.pending), QStringList({"013", "014", "015"}));
    QCOMPARE(s.folder, root + QStringLiteral("/trading/migrations"));
    QCOMPARE(s.folderSource, QStringLiteral("beside_store"));
    QCOMPARE(report->summary(), QStringLiteral("schema: v012, 3 pending"));
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
