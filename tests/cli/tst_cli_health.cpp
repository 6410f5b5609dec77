// `dbops health` as operators and cron run it: JSON keys (status, tables with name / rows / rows_exact /
// bytes / table_bytes / index_bytes, findings with severity / table / code / message), exit 0/1/2/3.
#include "clirunner.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

class TestCliHealth : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;

    CliResult health(const QString &db, const QStringList &extra = {})
    {
        return CliRunner::run(
            QStringList{QStringLiteral("health"), QStringLiteral("--db"), db, QStringLiteral("--json")} + extra, m_env);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
    }

    void cleanStoreIsOk()
    {
        const QString db = m_dir.filePath(QStringLiteral("clean.db"));
        QVERIFY(SqliteFixture::create(db,
                                      {"CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT)",
                                       "CREATE INDEX trades_symbol ON trades(symbol)",
                                       "INSERT INTO trades VALUES (1, 'A'), (2, 'B'), (3, 'C')"},
                                      true));
        const CliResult r = health(db);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(j.value(QStringLiteral("findings")).toArray().size(), 0);
        const QJsonArray tables = j.value(QStringLiteral("tables")).toArray();
        QCOMPARE(tables.size(), 1);
        const QJsonObject t = tables.first().toObject();
        QCOMPARE(t.value(QStringLiteral("name")).toString(), QStringLiteral("trades"));
        QCOMPARE(t.value(QStringLiteral("rows")).toInt(), 3);
        QCOMPARE(t.value(QStringLiteral("rows_exact")).toBool(), true);
        QVERIFY(t.value(QStringLiteral("table_bytes")).toInteger() > 0);
        QVERIFY(t.value(QStringLiteral("index_bytes")).toInteger() > 0);
        QCOMPARE(t.value(QStringLiteral("bytes")).toInteger(), t.value(QStringLiteral("table_bytes")).toInteger() +
                                                                   t.value(QStringLiteral("index_bytes")).toInteger());
    }

    void findingIsWarn()
    {
        const QString db = m_dir.filePath(QStringLiteral("fk.db"));
        QVERIFY(SqliteFixture::create(db,
                                      {"CREATE TABLE orders (id INTEGER PRIMARY KEY)",
                                       "CREATE TABLE trades (id INTEGER PRIMARY KEY, order_id INTEGER "
                                       "REFERENCES orders(id))"},
                                      true));
        const CliResult r = health(db);
        QCOMPARE(r.exitCode, 1);
        const QJsonArray findings = r.json().value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), 1);
        const QJsonObject f = findings.first().toObject();
        QCOMPARE(f.value(QStringLiteral("severity")).toString(), QStringLiteral("warn"));
        QCOMPARE(f.value(QStringLiteral("table")).toString(), QStringLiteral("trades"));
        QCOMPARE(f.value(QStringLiteral("code")).toString(), QStringLiteral("fk_without_index"));
        QVERIFY(f.value(QStringLiteral("message")).toString().contains(QLatin1String("order_id")));
    }

    void corruptStoreIsCritical()
    {
        const QString db = m_dir.filePath(QStringLiteral("corrupt.db"));
        QVERIFY(SqliteFixture::create(db, {"PRAGMA page_size = 4096", "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)",
                                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                                           "1000) INSERT INTO t(x) SELECT hex(randomblob(100)) FROM n"}));
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadWrite) && f.seek(4096 * 3));
        f.write(QByteArray(4096, '\x5a'));
        f.close();
        const CliResult r = health(db);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("critical"));
        QVERIFY(QString::fromUtf8(r.out).contains(QLatin1String("malformed")));
    }

    void unreadableIsThree()
    {
        const QString db = m_dir.filePath(QStringLiteral("text.db"));
        QFile f(db);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a database, only text long enough to have a header of sorts\n");
        f.close();
        QCOMPARE(health(db).exitCode, 3);
        QCOMPARE(health(m_dir.filePath(QStringLiteral("missing.db"))).exitCode, 3);
    }

    void dataDirectoryPrefixesTables()
    {
        const QString root = m_dir.filePath(QStringLiteral("demo"));
        QCOMPARE(CliRunner::run({QStringLiteral("demo"), QStringLiteral("--out"), root}, m_env).exitCode, 0);
        const CliResult r = health(root);
        QCOMPARE(r.exitCode, 1);
        QStringList names;
        for (const QJsonValue &t : r.json().value(QStringLiteral("tables")).toArray())
            names << t.toObject().value(QStringLiteral("name")).toString();
        QVERIFY2(names.contains(QStringLiteral("trading/trading.db:trades")), qPrintable(names.join(QLatin1Char(' '))));
        bool fk = false;
        for (const QJsonValue &f : r.json().value(QStringLiteral("findings")).toArray())
            fk = fk ||
                 (f.toObject().value(QStringLiteral("code")).toString() == QLatin1String("fk_without_index") &&
                  f.toObject().value(QStringLiteral("table")).toString() == QLatin1String("trading/trading.db:trades"));
        QVERIFY(fk);
    }

    void quickSkipsThePageScan()
    {
        const QString db = m_dir.filePath(QStringLiteral("clean.db"));
        const CliResult r = health(db, {QStringLiteral("--quick")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject t = r.json().value(QStringLiteral("tables")).toArray().first().toObject();
        QVERIFY(t.value(QStringLiteral("rows")).isNull());
        QCOMPARE(t.value(QStringLiteral("rows_exact")).toBool(true), false);
        QCOMPARE(t.value(QStringLiteral("bytes")).toInt(-1), 0);
    }

    void recordAppendsToHistory()
    {
        const QString db = m_dir.filePath(QStringLiteral("clean.db"));
        QCOMPARE(health(db, {QStringLiteral("--record")}).exitCode, 0);
        QCOMPARE(health(db, {QStringLiteral("--record")}).exitCode, 0);
        const QDir dir(m_dir.filePath(QStringLiteral("xdg/dbops/health-history")));
        const QStringList files = dir.entryList({QStringLiteral("*.jsonl")}, QDir::Files);
        QCOMPARE(files.size(), 1);
        QFile f(dir.filePath(files.first()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), 2);
    }

    void badOptionIsUsageError()
    {
        const QString db = m_dir.filePath(QStringLiteral("clean.db"));
        QCOMPARE(health(db, {QStringLiteral("--check"), QStringLiteral("sometimes")}).exitCode, 3);
        QCOMPARE(health(db, {QStringLiteral("--retention"), QStringLiteral("trades")}).exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliHealth)
#include "tst_cli_health.moc"
