// `dbops info` as cron jobs and operators run it: JSON keys, exit codes, one-line errors.
#include "clirunner.h"
#include "heldlock.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

class TestCliInfo : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_db;

    QString file(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return path;
    }

    // A real store cut after its second page, as a copy interrupted by a full disk leaves it.
    QString truncatedCopy()
    {
        const QString path = m_dir.filePath(QStringLiteral("cut.db"));
        if (!QFile::exists(path)) {
            SqliteFixture::createTradingStore(path, 500, false);
            QFile::resize(path, 2 * 4096);
        }
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
        m_db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 7, true));
    }

    void jsonOnSqliteFile_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("path") << m_dir.filePath(QStringLiteral("trading.db"));
        QTest::newRow("sqlite uri") << QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("trading.db"));
    }
    void jsonOnSqliteFile()
    {
        QFETCH(QString, spec);
        const CliResult r =
            CliRunner::run({QStringLiteral("info"), QStringLiteral("--db"), spec, QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("engine")).toString(), QStringLiteral("sqlite"));
        QCOMPARE(j.value(QStringLiteral("database")).toString(), m_db);
        QCOMPARE(j.value(QStringLiteral("size_bytes")).toInteger(), QFileInfo(m_db).size());
        QCOMPARE(j.value(QStringLiteral("table_count")).toInt(), 3);
        QCOMPARE(j.value(QStringLiteral("tables")).toArray().toVariantList(),
                 (QVariantList{QStringLiteral("orders"), QStringLiteral("positions"), QStringLiteral("trades")}));
        QCOMPARE(j.value(QStringLiteral("journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(j.value(QStringLiteral("version")).toString(),
                 SqliteFixture::scalar(m_db, QStringLiteral("SELECT sqlite_version()")).toString());
    }

    // The migration state line of the console's Overview, in the text and the JSON.
    void schemaLineShowsTheMigrationState_data()
    {
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<QString>("line");
        QTest::newRow("schema_migrations")
            << QStringList{QStringLiteral("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)"),
                           QStringLiteral("INSERT INTO schema_migrations VALUES ('001'), ('002'), ('003')")}
            << QStringLiteral("schema: rails v003"); // a lone version column is Rails's table
        QTest::newRow("no migration table")
            << QStringList{QStringLiteral("CREATE TABLE trades (id INTEGER PRIMARY KEY)")}
            << QStringLiteral("schema: no migration table");
    }
    void schemaLineShowsTheMigrationState()
    {
        QFETCH(QStringList, statements);
        QFETCH(QString, line);
        const QString db = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_') + ".db");
        QVERIFY(SqliteFixture::create(db, statements));
        const CliResult json =
            CliRunner::run({QStringLiteral("info"), QStringLiteral("--db"), db, QStringLiteral("--json")}, m_env);
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(json.json().value(QStringLiteral("schema")).toString(), line);
        const CliResult text = CliRunner::run({QStringLiteral("info"), QStringLiteral("--db"), db}, m_env);
        QVERIFY2(QString::fromUtf8(text.out).split(QLatin1Char('\n')).contains(line), text.out.constData());
    }

    void jsonOnDataDirectory()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("trading"));
        QVERIFY(SqliteFixture::createTradingStore(dir.filePath(QStringLiteral("trading/trading.db")), 2, true));
        QVERIFY(SqliteFixture::create(dir.filePath(QStringLiteral("config.db")),
                                      {QStringLiteral("CREATE TABLE settings (k TEXT PRIMARY KEY, v TEXT)")}));
        const CliResult r = CliRunner::run(
            {QStringLiteral("info"), QStringLiteral("--db"), dir.path(), QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("engine")).toString(), QStringLiteral("sqlite"));
        QCOMPARE(j.value(QStringLiteral("table_count")).toInt(), 4);
        QCOMPARE(j.value(QStringLiteral("stores")).toArray().size(), 2);
        QVERIFY(j.value(QStringLiteral("tables")).toArray().contains(QStringLiteral("config.db:settings")));
    }

    // The split data directory of seed 002: SQLite stores, a DuckDB file, and writer locks, all listed.
    void dataDirectoryListsEveryStoreAndLock()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("trading"));
        QDir(dir.path()).mkpath(QStringLiteral("market_data"));
        QVERIFY(SqliteFixture::createTradingStore(dir.filePath(QStringLiteral("trading/trading.db")), 2, true));
        QByteArray duck(4096, '\0');
        duck.replace(8, 4, "DUCK");
        QFile f(dir.filePath(QStringLiteral("market_data/candles.duckdb")));
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(duck) == duck.size());
        f.close();
        HeldLock held(dir.filePath(QStringLiteral("trading/.writer.lock"))); // the running bot's lock
        QVERIFY(held.ok());
        QFile pid1(dir.filePath(QStringLiteral("market_data/.writer.lock"))); // names PID 1: alive, not the writer
        QVERIFY(pid1.open(QIODevice::WriteOnly) && pid1.write("1\n") == 2);
        pid1.close();

        const CliResult r = CliRunner::run(
            {QStringLiteral("info"), QStringLiteral("--db"), dir.path(), QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        QStringList engines;
        for (const QJsonValue &v : j.value(QStringLiteral("stores")).toArray()) {
            const QJsonObject s = v.toObject();
            QVERIFY2(s.value(QStringLiteral("path")).isString() &&
                         !s.value(QStringLiteral("path")).toString().isEmpty(),
                     qPrintable(QJsonDocument(s).toJson()));
            engines << s.value(QStringLiteral("engine")).toString();
            if (s.value(QStringLiteral("engine")).toString() == QLatin1String("duckdb")) {
                QCOMPARE(s.value(QStringLiteral("size_bytes")).toInteger(), 4096);
                QVERIFY(s.value(QStringLiteral("note")).toString().contains(QStringLiteral("no DuckDB driver")));
                QVERIFY(!s.value(QStringLiteral("modified")).toString().isEmpty());
            }
        }
        engines.sort();
        QCOMPARE(engines, (QStringList{QStringLiteral("duckdb"), QStringLiteral("sqlite")}));
        QMap<QString, QString> states;
        for (const QJsonValue &v : j.value(QStringLiteral("locks")).toArray())
            states.insert(v.toObject().value(QStringLiteral("relative_path")).toString(),
                          v.toObject().value(QStringLiteral("state")).toString());
        QCOMPARE(states.value(QStringLiteral("trading/.writer.lock")), QStringLiteral("alive"));
        QCOMPARE(states.value(QStringLiteral("market_data/.writer.lock")), QStringLiteral("stale"));
    }

    void detectsFromEnvironment()
    {
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("DB_TYPE"), QStringLiteral("sqlite"));
        env.insert(QStringLiteral("DB_PATH"), QStringLiteral("trading.db"));
        const CliResult r = CliRunner::run({QStringLiteral("info"), QStringLiteral("--json")}, env, m_dir.path());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("database")).toString(), m_db);
    }

    void badInputExitsThreeWithOneLine_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("words");
        QTest::newRow("missing file") << m_dir.filePath(QStringLiteral("nope.db")) << QStringLiteral("no such file");
        QTest::newRow("empty file") << file(QStringLiteral("empty.db"), {}) << QStringLiteral("not an SQLite database");
        QTest::newRow("text file") << file(QStringLiteral("text.db"), "hello\n")
                                   << QStringLiteral("not an SQLite database");
        QTest::newRow("truncated file") << truncatedCopy() << QStringLiteral("truncated");
        QTest::newRow("malformed uri") << QStringLiteral("postgresql://bot@db:notaport/x")
                                       << QStringLiteral("cannot read target");
        QTest::newRow("unknown profile") << QStringLiteral("prodbot")
                                         << QStringLiteral("no saved profile named \"prodbot\"");
    }
    void badInputExitsThreeWithOneLine()
    {
        QFETCH(QString, target);
        QFETCH(QString, words);
        const CliResult r = CliRunner::run({QStringLiteral("info"), QStringLiteral("--db"), target}, m_env);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(words), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("nope.db"))));
    }

    void jsonErrorIsMachineReadable()
    {
        const CliResult r = CliRunner::run({QStringLiteral("info"), QStringLiteral("--db"),
                                            m_dir.filePath(QStringLiteral("nope.db")), QStringLiteral("--json")},
                                           m_env);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("not_found"));
    }

    void helpOnEveryCommand()
    {
        const CliResult top = CliRunner::run({QStringLiteral("--help")}, m_env);
        QCOMPARE(top.exitCode, 0);
        QVERIFY(top.out.contains("Commands:"));
        const QStringList lines = QString::fromUtf8(top.out).split(QLatin1Char('\n'));
        const int start = lines.indexOf(QStringLiteral("Commands:"));
        QVERIFY(start > 0);
        int commands = 0;
        for (int i = start + 1; i < lines.size() && lines[i].startsWith(QLatin1String("  ")); ++i) {
            const QString name = lines[i].trimmed().section(QLatin1Char(' '), 0, 0);
            const CliResult help = CliRunner::run({name, QStringLiteral("--help")}, m_env);
            QCOMPARE(help.exitCode, 0);
            QVERIFY2(help.out.contains(QByteArray(QByteArray("Usage: dbops ") + name.toUtf8())), qPrintable(name));
            ++commands;
        }
        QVERIFY(commands >= 2);
    }

    void unknownCommandIsUsageError()
    {
        const CliResult r = CliRunner::run({QStringLiteral("frobnicate")}, m_env);
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains("unknown command"));
    }

    // A cron job asking for JSON gets the error as JSON too (a typo in the command, an older dbops).
    void unknownCommandWithJsonIsAJsonError()
    {
        const CliResult r = CliRunner::run({QStringLiteral("frobnicate"), QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        QVERIFY(r.json()
                    .value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("frobnicate")));
    }
};

QTEST_GUILESS_MAIN(TestCliInfo)
#include "tst_cli_info.moc"
