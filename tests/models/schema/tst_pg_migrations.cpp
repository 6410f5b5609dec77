// Migration state read from a real PostgreSQL 15 database, tables laid out as the tools create them there
// (Flyway, Liquibase's lower-case tables, Alembic, Prisma, Drizzle in its own schema, golang-migrate).
#include "connection/connector.h"
#include "ctsmigrations.h"
#include "pgplainrole.h"
#include "pgtestserver.h"
#include "schema/migrationprobe.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::CtsCase;
using dbops::test::CtsMigrations;
using dbops::test::PgPlainRole;
using dbops::test::PgTestServer;

namespace {
const QString kDb = QStringLiteral("dbops_schema_migrations");
const QString kCtsDb = QStringLiteral("dbops_schema_cts");
const QString kPlainRole = QStringLiteral("dbops_migrations_plain"); // CONNECT only: reads no table of kDb

bool exec(const QStringList &statements, const QString &db = kDb) { return PgTestServer::exec(statements, db); }

const MigrationState *tool(const MigrationReport &r, const QString &name)
{
    for (const MigrationState &s : r.tools)
        if (s.tool == name)
            return &s;
    return nullptr;
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
} // namespace

class TestPgMigrations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(!PgTestServer::createDatabase(kDb));
        QVERIFY(exec(
            {"CREATE TABLE flyway_schema_history (installed_rank integer NOT NULL PRIMARY KEY, version varchar(50), "
             "description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum "
             "integer, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), "
             "execution_time integer NOT NULL, success boolean NOT NULL)",
             "INSERT INTO flyway_schema_history VALUES (1,'1','init','SQL','V1__init.sql',-279898995,'bot',"
             "'2024-01-01 10:00:00',5,true),(2,'2','broken','SQL','V2__broken.sql',1,'bot','2024-01-02 10:00:00',5,"
             "false)",
             "CREATE TABLE databasechangelog (id varchar(255) NOT NULL, author varchar(255) NOT NULL, filename "
             "varchar(255) NOT NULL, dateexecuted timestamp NOT NULL, orderexecuted integer NOT NULL, exectype "
             "varchar(10) NOT NULL, md5sum varchar(35), description varchar(255), comments varchar(255), tag "
             "varchar(255), liquibase varchar(20), contexts varchar(255), labels varchar(255), deployment_id "
             "varchar(10))",
             "CREATE TABLE databasechangeloglock (id integer NOT NULL PRIMARY KEY, locked boolean NOT NULL, "
             "lockgranted timestamp, lockedby varchar(255))",
             "INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) VALUES "
             "('1','a','c.xml','2024-01-01 10:00:00',1,'EXECUTED')",
             "INSERT INTO databasechangeloglock VALUES (1, true, '2024-01-01 10:00:00', 'host1')",
             "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY "
             "KEY (version_num))",
             "INSERT INTO alembic_version VALUES ('1a2b3c4d5e6f')", "CREATE SCHEMA drizzle",
             "CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at "
             "bigint)",
             "INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('h', 1700000000000)",
             "CREATE TABLE \"_prisma_migrations\" (id varchar(36) PRIMARY KEY NOT NULL, checksum varchar(64) NOT "
             "NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, rolled_back_at "
             "timestamptz, started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL "
             "DEFAULT 0)",
             "INSERT INTO _prisma_migrations VALUES ('a','c1','2024-01-01 10:00:00+00','20240101_init',NULL,NULL,"
             "'2024-01-01 10:00:00+00',1),('b','c2',NULL,'20240102_bad','boom',NULL,'2024-01-02 10:00:00+00',0)"}));
    }

    void readsEveryTool()
    {
        DBOPS_REQUIRE_PG();
        auto r = MigrationProbe::collect(PgTestServer::target(kDb), SessionOptions::monitor());
        QVERIFY2(r, qPrintable(r.error().oneLine()));
        QStringList names;
        for (const MigrationState &s : r->tools)
            names << s.tool;
        QCOMPARE(names, QStringList({"flyway", "liquibase", "alembic", "prisma", "drizzle"}));
        QCOMPARE(tool(*r, "flyway")->current, QStringLiteral("1"));
        QCOMPARE(versions(tool(*r, "flyway")->failed), QStringList{"2"});
        QCOMPARE(tool(*r, "flyway")->applied.first().appliedAt, QStringLiteral("2024-01-01T10:00:00.000"));
        QVERIFY(tool(*r, "liquibase")->locked);
        QVERIFY(tool(*r, "liquibase")->lockStale);
        QCOMPARE(tool(*r, "alembic")->current, QStringLiteral("1a2b3c4d5e6f"));
        QCOMPARE(tool(*r, "drizzle")->table, QStringLiteral("drizzle.__drizzle_migrations"));
        QCOMPARE(tool(*r, "drizzle")->current, QStringLiteral("1700000000000"));
        QCOMPARE(versions(tool(*r, "prisma")->failed), QStringList{"20240102_bad"});
        QCOMPARE(r->status(), QStringLiteral("critical"));
    }

    // A user that may not read the migration tables learns that, and the grant that helps: never "no
    // migration table" (information_schema hides such tables from it).
    void unreadableTableIsNamedWithTheGrant_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("table");
        QTest::newRow("public table") << QStringLiteral("flyway") << QStringLiteral("flyway_schema_history");
        QTest::newRow("schema without usage") << QStringLiteral("drizzle") << QStringLiteral("__drizzle_migrations");
    }

    void unreadableTableIsNamedWithTheGrant()
    {
        DBOPS_REQUIRE_PG();
        QFETCH(QString, tool);
        QFETCH(QString, table);
        const PgPlainRole role(kPlainRole, kDb);
        QVERIFY(role.ok());
        auto r = MigrationProbe::collect(role.target(), SessionOptions::monitor());
        QVERIFY2(r, qPrintable(r.error().oneLine()));
        const MigrationState *s = ::tool(*r, tool);
        QVERIFY2(s, qPrintable(r->summary()));
        QVERIFY2(s->unreadable.contains(QStringLiteral("permission denied")), qPrintable(s->unreadable));
        QVERIFY2(s->unreadable.contains(QStringLiteral("GRANT SELECT ON ")), qPrintable(s->unreadable));
        QVERIFY2(s->unreadable.contains(table + QStringLiteral("\" TO ") + kPlainRole), qPrintable(s->unreadable));
    }

    void unreadableTableIsAWarning()
    {
        DBOPS_REQUIRE_PG();
        const PgPlainRole role(kPlainRole, kDb);
        QVERIFY(role.ok());
        auto r = MigrationProbe::collect(role.target(), SessionOptions::monitor());
        QVERIFY2(r, qPrintable(r.error().oneLine()));
        QCOMPARE(r->status(), QStringLiteral("warn"));
        QVERIFY2(r->summary().contains(QStringLiteral("unreadable")), qPrintable(r->summary()));
    }

    void flywayFolderOnPostgres()
    {
        DBOPS_REQUIRE_PG();
        QTemporaryDir dir;
        for (const auto &[name, data] : QList<QPair<QString, QByteArray>>{
                 {"V1__init.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n"},
                 {"V2__broken.sql", "--"},
                 {"V3__next.sql", "--"}}) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(data);
        }
        auto r = MigrationProbe::collect(PgTestServer::target(kDb), SessionOptions::monitor(), dir.path());
        QVERIFY(r);
        const MigrationState *fw = tool(*r, "flyway");
        QVERIFY(fw->folderCompared);
        QCOMPARE(versions(fw->pending), QStringList{"3"});
        QCOMPARE(versions(fw->changed), QStringList{}); // V1's checksum matches the stored one
        QCOMPARE(versions(fw->missingFiles), QStringList{});
    }

    void golangMigrateOnPostgres()
    {
        DBOPS_REQUIRE_PG();
        const QString db = QStringLiteral("dbops_schema_golang");
        QVERIFY(!PgTestServer::createDatabase(db));
        {
            ScopedConnection conn(PgTestServer::target(db), SessionOptions::action(), QStringLiteral("setup"));
            QSqlQuery q(conn.db());
            QVERIFY(q.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty "
                           "boolean NOT NULL)"));
            QVERIFY(q.exec("INSERT INTO schema_migrations VALUES (20240301120000, true)"));
        }
        auto r = MigrationProbe::collect(PgTestServer::target(db), SessionOptions::monitor());
        QVERIFY(r);
        QCOMPARE(r->tools.size(), 1);
        QCOMPARE(r->tools.first().tool, QStringLiteral("golang-migrate"));
        QCOMPARE(r->tools.first().current, QStringLiteral("20240301120000"));
        QVERIFY(r->tools.first().dirty);
        QVERIFY(!PgTestServer::dropDatabase(db));
    }

    void sharedVersionsMatchByName_data()
    {
        QTest::addColumn<int>("index");
        const QList<CtsCase> all = CtsMigrations::cases();
        for (int i = 0; i < all.size(); ++i)
            QTest::newRow(all[i].label) << i;
    }

    // The CTS bot's store on PostgreSQL: versions repeat, names do not; each file is found by its full name.
    void sharedVersionsMatchByName()
    {
        DBOPS_REQUIRE_PG();
        QFETCH(int, index);
        const CtsCase c = CtsMigrations::cases().at(index);
        PgTestServer::dropDatabase(kCtsDb);
        QVERIFY(!PgTestServer::createDatabase(kCtsDb));
        QVERIFY(exec(CtsMigrations::statements(QStringLiteral("postgresql"), c), kCtsDb));
        QTemporaryDir dir;
        QVERIFY(CtsMigrations::writeFolder(dir.path(), c));
        auto r = MigrationProbe::collect(PgTestServer::target(kCtsDb), SessionOptions::monitor(), dir.path());
        QVERIFY2(r, qPrintable(r.error().oneLine()));
        const MigrationState *s = tool(*r, QStringLiteral("schema_migrations"));
        QVERIFY(s);
        QCOMPARE(s->applied.size(), CtsMigrations::fileNames().size() - (c.notApplied.isEmpty() ? 0 : 1));
        QCOMPARE(s->current, CtsMigrations::newestName());
        QCOMPARE(names(s->missingFiles), c.missing);
        QCOMPARE(names(s->changed), c.changed);
        QCOMPARE(names(s->pending), c.pending);
        QCOMPARE(names(s->outOfOrder), c.outOfOrder);
    }

    void cleanupTestCase()
    {
        PgTestServer::dropDatabase(kDb);
        PgTestServer::dropDatabase(kCtsDb);
    }
};

QTEST_GUILESS_MAIN(TestPgMigrations)
#include "tst_pg_migrations.moc"
