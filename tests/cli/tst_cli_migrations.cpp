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
    // A fresh demo data directory (its trading/migrations holds 15 files, 12 applied).
    QString demo(const QString &name)
    {
        const QString root = m_dir.filePath(QStringLiteral("demo-") + name);
        const CliResult r = run({QStringLiteral("demo"), QStringLiteral("--out"), root});
        return r.exitCode == 0 ? root : QString();
    }
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

    // No folder to compare with: the folder keys are there, null, so that a cron job reads them the same way.
    void folderKeysArePresentWithoutAFolder()
    {
        const QString db = m_dir.filePath(QStringLiteral("nofolder/trading.db"));
        QVERIFY(QDir().mkpath(QFileInfo(db).absolutePath()));
        QVERIFY(SqliteFixture::create(db, {QStringLiteral("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)"),
                                           QStringLiteral("INSERT INTO schema_migrations VALUES ('001')")}));
        const CliResult r = run({QStringLiteral("migrations"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        const QJsonObject j = r.json();
        for (const char *key : {"folder", "folder_source", "folder_reason"})
            QVERIFY2(j.contains(QLatin1String(key)), key);
        QVERIFY(j.value(QStringLiteral("folder")).isNull());
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

    // The demo ships trading/migrations beside trading/trading.db: found without --dir (it once said OK until
    // --dir was given), and the JSON names the folder and why it was used.
    void folderBesideTheStoreIsFound_data()
    {
        QTest::addColumn<QString>("target");
        QTest::newRow("the store") << QStringLiteral("trading/trading.db");
        QTest::newRow("its data directory") << QString();
    }
    void folderBesideTheStoreIsFound()
    {
        QFETCH(QString, target);
        const QString root = demo(target.isEmpty() ? QStringLiteral("beside-dir") : QStringLiteral("beside-store"));
        QVERIFY(!root.isEmpty());
        const CliResult r = run({QStringLiteral("migrations"), QStringLiteral("--db"), QDir(root).filePath(target),
                                 QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QJsonObject state = r.json();
        for (const QJsonValue &v : r.json().value(QStringLiteral("migrations")).toArray()) // a data directory
            if (v.toObject().value(QStringLiteral("tool")).toString() == QLatin1String("schema_migrations"))
                state = v.toObject();
        QCOMPARE(versions(state.value(QStringLiteral("pending")).toArray()), QStringList({"013", "014", "015"}));
        QCOMPARE(state.value(QStringLiteral("folder")).toString(), root + QStringLiteral("/trading/migrations"));
        QCOMPARE(state.value(QStringLiteral("folder_source")).toString(), QStringLiteral("beside_store"));
        QCOMPARE(state.value(QStringLiteral("folder_reason")).toString(), QStringLiteral("found beside the store"));
    }

    // The same in the text: the folder and its reason, the pending files named as the applied ones are.
    void textNamesPendingLikeApplied()
    {
        const QString root = demo(QStringLiteral("text"));
        const CliResult r =
            run({QStringLiteral("migrations"), QStringLiteral("--db"), root + QStringLiteral("/trading/trading.db")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.startsWith("schema: v012, 3 pending\n"), r.out.constData());
        QVERIFY2(r.out.contains(", last 012_"), r.out.constData());
        QVERIFY2(r.out.contains("  pending 013_trades_fee_asset  (013_trades_fee_asset.sql)\n"), r.out.constData());
        const QByteArray folder = "folder  " + root.toUtf8() + "/trading/migrations (found beside the store)";
        QVERIFY2(r.out.contains(folder), r.out.constData());
    }

    void appliedAndPendingLabelsMatch()
    {
        const QString root = demo(QStringLiteral("labels"));
        const QJsonObject j = run({QStringLiteral("migrations"), QStringLiteral("--db"),
                                   root + QStringLiteral("/trading/trading.db"), QStringLiteral("--json")})
                                  .json();
        const auto label = [&j](const char *list, int i) {
            return j.value(QLatin1String(list)).toArray().at(i).toObject().value(QStringLiteral("label")).toString();
        };
        QCOMPARE(label("applied", 0), QStringLiteral("001_initial"));
        QCOMPARE(label("pending", 0), QStringLiteral("013_trades_fee_asset"));
    }

    // Where the bot's settings name the folder: settings.json's migrations_dir (with --settings), or
    // MIGRATIONS_DIR when the store itself is found from the bot's environment.
    void folderNamedByTheBotsSettings_data()
    {
        QTest::addColumn<bool>("fromEnvironment");
        QTest::newRow("settings.json migrations_dir") << false;
        QTest::newRow("MIGRATIONS_DIR") << true;
    }
    void folderNamedByTheBotsSettings()
    {
        QFETCH(bool, fromEnvironment);
        const QString root = demo(fromEnvironment ? QStringLiteral("env") : QStringLiteral("settings"));
        const QString elsewhere = root + QStringLiteral("/sql");
        QVERIFY(QDir().rename(root + QStringLiteral("/trading/migrations"), elsewhere));
        QProcessEnvironment env = m_env;
        QStringList args{QStringLiteral("migrations"), QStringLiteral("--json")};
        if (fromEnvironment) {
            env.insert(QStringLiteral("DB_PATH"), root + QStringLiteral("/trading/trading.db"));
            env.insert(QStringLiteral("MIGRATIONS_DIR"), elsewhere);
        } else {
            QFile settings(root + QStringLiteral("/bot-settings.json"));
            QVERIFY(settings.open(QIODevice::WriteOnly));
            settings.write("{\"database_type\": \"sqlite\", \"migrations_dir\": \"" + elsewhere.toUtf8() + "\"}");
            settings.close();
            args << QStringLiteral("--db") << root + QStringLiteral("/trading/trading.db")
                 << QStringLiteral("--settings") << settings.fileName();
        }
        const CliResult r = CliRunner::run(args, env);
        QCOMPARE(r.exitCode, 1);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("folder")).toString(), elsewhere);
        QCOMPARE(j.value(QStringLiteral("folder_source")).toString(), QStringLiteral("bot_settings"));
        QCOMPARE(j.value(QStringLiteral("pending")).toArray().size(), 3);
    }

    // A Django project's app folder against django_migrations: Django's own apps' rows are no missing files
    // (they once gave 14 false entries and exit 1).
    void djangosOwnAppsAreNotMissingFiles()
    {
        const QString db = m_dir.filePath(QStringLiteral("django.db"));
        QStringList rows;
        for (const char *app : {"contenttypes", "auth", "admin", "sessions", "messages", "staticfiles"})
            rows << QStringLiteral("('%1','0001_initial','2024-01-01 10:00:00')").arg(QLatin1String(app));
        rows << QStringLiteral("('auth','0002_alter_permission_name_max_length','2024-01-01 10:00:01')")
             << QStringLiteral("('trading','0001_initial','2024-01-02 10:00:00')");
        QVERIFY(SqliteFixture::create(
            db, {QStringLiteral("CREATE TABLE \"django_migrations\" (\"id\" integer NOT NULL PRIMARY KEY "
                                "AUTOINCREMENT, \"app\" varchar(255) NOT NULL, \"name\" varchar(255) NOT NULL, "
                                "\"applied\" datetime NOT NULL)"),
                 QStringLiteral("INSERT INTO django_migrations (app, name, applied) VALUES ") +
                     rows.join(QLatin1Char(','))}));
        const QString project = m_dir.filePath(QStringLiteral("djangoproject"));
        QVERIFY(QDir().mkpath(project + QStringLiteral("/trading/migrations")));
        for (const char *f : {"__init__.py", "0001_initial.py"}) {
            QFile file(project + QStringLiteral("/trading/migrations/") + QLatin1String(f));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        const CliResult r = run({QStringLiteral("migrations"), QStringLiteral("--db"), db, QStringLiteral("--dir"),
                                 project, QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("missing_files")).toArray().size(), 0);
        QCOMPARE(r.exitCode, 0);
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
