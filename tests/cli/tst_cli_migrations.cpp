// `dbops migrations` as operators and cron run it: JSON keys (tool, current, applied with version / name /
// applied_at, pending, missing_files, changed, failed, dirty; a migrations array for several tools), exit codes.
#include "clirunner.h"
#include "ctsmigrations.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

class TestCliMigrations : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;

    CliResult run(const QStringList &args) { return CliRunner::run(args, m_env); }
    static QStringList names(const QJsonArray &a)
    {
        QStringList v;
        for (const QJsonValue &x : a)
            v << x.toObject().value(QStringLiteral("name")).toString();
        return v;
    }
    static QStringList versions(const QJsonArray &a)
    {
        QStringList v;
        for (const QJsonValue &x : a)
            v << x.toObject().value(QStringLiteral("version")).toString();
        return v;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
    }

    void demoStoreWithFolder()
    {
        const QString root = m_dir.filePath(QStringLiteral("demo"));
        QCOMPARE(run({QStringLiteral("demo"), QStringLiteral("--out"), root}).exitCode, 0);
        QDir(root + QStringLiteral("/trading/migrations")).remove(QStringLiteral("005_error_logs.sql"));
        const CliResult r =
            run({QStringLiteral("migrations"), QStringLiteral("--db"), root + QStringLiteral("/trading/trading.db"),
                 QStringLiteral("--dir"), root + QStringLiteral("/trading/migrations"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("tool")).toString(), QStringLiteral("schema_migrations"));
        QCOMPARE(j.value(QStringLiteral("current")).toString(), QStringLiteral("012"));
        const QJsonArray applied = j.value(QStringLiteral("applied")).toArray();
        QCOMPARE(applied.size(), 12);
        const QJsonObject first = applied.first().toObject();
        QCOMPARE(first.value(QStringLiteral("version")).toString(), QStringLiteral("001"));
        QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("initial"));
        QVERIFY(first.value(QStringLiteral("applied_at")).toString().endsWith(QLatin1Char('Z')));
        QCOMPARE(versions(j.value(QStringLiteral("pending")).toArray()), QStringList({"013", "014", "015"}));
        QCOMPARE(versions(j.value(QStringLiteral("missing_files")).toArray()), QStringList{"005"});
        QCOMPARE(j.value(QStringLiteral("changed")).toArray().size(), 0);
        QCOMPARE(j.value(QStringLiteral("failed")).toArray().size(), 0);
        QCOMPARE(j.value(QStringLiteral("dirty")).toBool(true), false);
        QCOMPARE(j.value(QStringLiteral("summary")).toString(), QStringLiteral("schema: v012, 3 pending, 1 missing"));
    }

    // The CTS bot's shape: one file of version 038 deleted, one of version 051 edited, each sharing its version
    // with another file that is still there and unchanged.
    void sharedVersionsNamedInJson()
    {
        const QString db = m_dir.filePath(QStringLiteral("cts.db"));
        const QString dir = m_dir.filePath(QStringLiteral("cts"));
        const CtsCase c{"deleted and edited",
                        QStringLiteral("038_hotfix_engine_lock_timeout.sql"),
                        QStringLiteral("051_add_partial_indexes.sql"),
                        {},
                        {},
                        {},
                        {},
                        {}};
        QVERIFY(SqliteFixture::create(db, CtsMigrations::statements(QStringLiteral("sqlite"), c)));
        QVERIFY(CtsMigrations::writeFolder(dir, c));
        const CliResult r = run({QStringLiteral("migrations"), QStringLiteral("--db"), db, QStringLiteral("--dir"), dir,
                                 QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject j = r.json();
        QCOMPARE(names(j.value(QStringLiteral("missing_files")).toArray()),
                 QStringList{"038_hotfix_engine_lock_timeout"});
        QCOMPARE(names(j.value(QStringLiteral("changed")).toArray()), QStringList{"051_add_partial_indexes"});
        QCOMPARE(j.value(QStringLiteral("pending")).toArray().size(), 0);
        QCOMPARE(j.value(QStringLiteral("current")).toString(), CtsMigrations::newestName());
    }

    void dirtyIsCritical()
    {
        const QString db = m_dir.filePath(QStringLiteral("golang.db"));
        QVERIFY(SqliteFixture::create(db, {"CREATE TABLE schema_migrations (version uint64, dirty bool)",
                                           "INSERT INTO schema_migrations VALUES (20240101, 1)"}));
        const CliResult r = run({QStringLiteral("migrations"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.json().value(QStringLiteral("tool")).toString(), QStringLiteral("golang-migrate"));
        QCOMPARE(r.json().value(QStringLiteral("dirty")).toBool(), true);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("critical"));
    }

    void severalToolsGiveAnArray()
    {
        const QString db = m_dir.filePath(QStringLiteral("several.db"));
        QVERIFY(SqliteFixture::create(db, {"CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
                                           "INSERT INTO alembic_version VALUES ('abc123')",
                                           "CREATE TABLE \"SequelizeMeta\" (name VARCHAR(255) PRIMARY KEY)",
                                           "INSERT INTO \"SequelizeMeta\" VALUES ('20240101-x.js')"}));
        const CliResult r = run({QStringLiteral("migrations"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = r.json().value(QStringLiteral("migrations")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toObject().value(QStringLiteral("tool")).toString(), QStringLiteral("alembic"));
        QCOMPARE(list[1].toObject().value(QStringLiteral("tool")).toString(), QStringLiteral("sequelize"));
        for (const char *key : {"tool", "current", "applied", "pending", "missing_files", "changed", "failed", "dirty"})
            QVERIFY2(list[0].toObject().contains(QLatin1String(key)), key);
    }

    void humanOutputHasSummaryLine()
    {
        const QString db = m_dir.filePath(QStringLiteral("human.db"));
        QVERIFY(
            SqliteFixture::create(db, {"CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, name TEXT, "
                                       "applied_at TEXT)",
                                       "INSERT INTO schema_migrations VALUES ('065', 'x', '2024-01-01T00:00:00Z')"}));
        const CliResult r = run({QStringLiteral("migrations"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("schema: v065\n"), r.out.constData());
    }

    void missingDirIsUnusableInput()
    {
        const QString db = m_dir.filePath(QStringLiteral("human.db"));
        const CliResult r = run({QStringLiteral("migrations"), QStringLiteral("--db"), db, QStringLiteral("--dir"),
                                 m_dir.filePath(QStringLiteral("nope"))});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliMigrations)
#include "tst_cli_migrations.moc"
