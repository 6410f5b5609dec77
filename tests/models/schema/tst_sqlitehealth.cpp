// SQLite table health on real files built to trigger each finding (and a clean one that triggers none):
// exact codes, severities, tables and message contents; sizes that add up to the file; exact row counts;
// corrupt stores reported as critical, never as a crash or an empty report.
#include "demo/demostore.h"
#include "hostilefiles.h"
#include "schema/healthprobe.h"
#include "schema/sqlitehealth.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

QStringList summary(const HealthReport &r)
{
    QStringList out;
    for (const HealthFinding &f : r.findings)
        out << QStringLiteral("%1 %2 %3").arg(HealthFinding::severityName(f.severity), f.table, f.code);
    return out;
}

// The same without the store-kind finding (no_bot_tables), for fixtures that test one rule on a bare table.
QStringList ruleSummary(const HealthReport &r)
{
    QStringList out = summary(r);
    out.removeIf([](const QString &line) { return line.endsWith(QLatin1String(" no_bot_tables")); });
    return out;
}

const HealthFinding *find(const HealthReport &r, const QString &code)
{
    for (const HealthFinding &f : r.findings)
        if (f.code == code)
            return &f;
    return nullptr;
}

const TableHealth *table(const HealthReport &r, const QString &name)
{
    for (const TableHealth &t : r.tables)
        if (t.name == name)
            return &t;
    return nullptr;
}

const char *kRows1000 = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) ";

// Overwrites `length` bytes at `offset` of the file.
bool patch(const QString &path, qint64 offset, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.seek(offset) && f.write(bytes) == bytes.size();
}

// Health's data age judged at 2024-01-01 12:00 UTC, a table stale when its last write is older than 15 min.
HealthOptions staleAfter15MinAtNoon()
{
    HealthOptions o;
    o.now = QDateTime(QDate(2024, 1, 1), QTime(12, 0), Qt::UTC);
    o.staleWriteSeconds = 15 * 60;
    return o;
}

} // namespace

class TestSqliteHealth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanStoreHasNoFindings();
    void findings_data();
    void findings();
    void findingMessageNamesColumnAndThreshold_data();
    void findingMessageNamesColumnAndThreshold();
    void sizesAddUpToTheFile();
    void rowCountsAreExact();
    void corruptStoreIsCritical_data();
    void corruptStoreIsCritical();
    void integrityCheckFindsIndexDamage();
    void foreignKeyCheckFindsOrphans();
    void dataAgeAndStaleWrites();
    void dataAgeReadsInstantsAcrossTimeShapes();
    void retentionExceeded();
    void quickPassGivesSchemaFindingsAndEstimates();
    void cancelledScanStops();
    void unreadableFileIsAnError_data();
    void unreadableFileIsAnError();
    void storeWithoutBotTablesSaysSo();
    void dataDirPrefixesTablesAndReportsBrokenStores();
    void demoStoreFindings();

private:
    QString path(const QString &name) { return m_tmp.filePath(name); }
    HealthReport scan(const QString &file, const HealthOptions &o = {})
    {
        auto r = SqliteHealth::scan(file, o);
        if (!r)
            qWarning("%s", qPrintable(r.error().oneLine()));
        return r ? r.value() : HealthReport();
    }
    QTemporaryDir m_tmp;
};

void TestSqliteHealth::cleanStoreHasNoFindings()
{
    const QString file = path(QStringLiteral("clean.db"));
    QVERIFY(SqliteFixture::create(
        file,
        {"CREATE TABLE orders (id INTEGER PRIMARY KEY, symbol TEXT NOT NULL)",
         "CREATE TABLE trades (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), "
         "symbol TEXT, ts TEXT)",
         "CREATE INDEX trades_order ON trades(order_id)", "CREATE INDEX trades_symbol_ts ON trades(symbol, ts)",
         "CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID", "INSERT INTO orders VALUES (1, 'BTCUSDT')",
         "INSERT INTO trades VALUES (1, 1, 'BTCUSDT', '2024-01-01T00:00:00.000Z')"},
        true));
    const HealthReport r = scan(file);
    QCOMPARE(summary(r), QStringList());
    QCOMPARE(r.status(), QStringLiteral("ok"));
    QCOMPARE(r.exitCode(), 0);
    QCOMPARE(r.tables.size(), 3);
    QCOMPARE(r.facts.value(QStringLiteral("journal_mode")).toString(), QStringLiteral("wal"));
}

void TestSqliteHealth::findings_data()
{
    QTest::addColumn<QStringList>("statements");
    QTest::addColumn<bool>("wal");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("duplicate index (prefix)")
        << QStringList{"CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT, ts TEXT)",
                       "CREATE INDEX a_symbol ON trades(symbol)", "CREATE INDEX b_symbol_ts ON trades(symbol, ts)"}
        << true << QStringList{"warn trades duplicate_index"};
    QTest::newRow("duplicate index (same columns)")
        << QStringList{"CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT)",
                       "CREATE INDEX idx_trades_symbol ON trades(symbol)",
                       "CREATE INDEX trades_symbol_idx ON trades(symbol)"}
        << true << QStringList{"warn trades duplicate_index"};
    QTest::newRow("duplicate of a WITHOUT ROWID primary key")
        << QStringList{"CREATE TABLE kv (k TEXT, v TEXT, PRIMARY KEY (k, v)) WITHOUT ROWID",
                       "CREATE INDEX kv_k ON kv(k)"}
        << true << QStringList{"warn kv duplicate_index"};
    QTest::newRow("unique index is not a duplicate")
        << QStringList{"CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)", "CREATE UNIQUE INDEX t_a ON t(a)",
                       "CREATE INDEX t_a_b ON t(a, b)"}
        << true << QStringList{};
    QTest::newRow("foreign key without index")
        << QStringList{"CREATE TABLE orders (id INTEGER PRIMARY KEY)",
                       "CREATE TABLE trades (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id))"}
        << true << QStringList{"warn trades fk_without_index"};
    QTest::newRow("foreign key on the rowid alias is covered")
        << QStringList{"CREATE TABLE orders (id INTEGER PRIMARY KEY)",
                       "CREATE TABLE order_notes (order_id INTEGER PRIMARY KEY REFERENCES orders(id), note TEXT)"}
        << true << QStringList{};
    QTest::newRow("no primary key") << QStringList{"CREATE TABLE archive (a TEXT, b TEXT)",
                                                   "CREATE INDEX archive_a ON archive(a)"}
                                    << true << QStringList{"warn archive no_primary_key"};
    QTest::newRow("no index at all, small") << QStringList{"CREATE TABLE logs (msg TEXT)"} << true
                                            << QStringList{"warn logs no_primary_key", "info logs no_index"};
    QTest::newRow("no index at all, 1000 rows")
        << QStringList{"CREATE TABLE logs (msg TEXT)",
                       QString::fromLatin1(kRows1000) + "INSERT INTO logs SELECT 'x' FROM n"}
        << true << QStringList{"warn logs no_primary_key", "warn logs no_index"};
    QTest::newRow("journal mode not WAL")
        << QStringList{"CREATE TABLE t (id INTEGER PRIMARY KEY)"} << false << QStringList{"warn  journal_not_wal"};
    QTest::newRow("freelist") << QStringList{"CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)",
                                             QString::fromLatin1(kRows1000) +
                                                 "INSERT INTO t(b) SELECT randomblob(3000) FROM n",
                                             "DELETE FROM t WHERE id > 10"}
                              << true << QStringList{"warn  freelist"};
}

void TestSqliteHealth::findings()
{
    QFETCH(QStringList, statements);
    QFETCH(bool, wal);
    QFETCH(QStringList, expected);
    const QString file =
        path(QStringLiteral("f-%1.db").arg(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
    QVERIFY(SqliteFixture::create(file, statements, wal));
    const HealthReport r = scan(file);
    QCOMPARE(ruleSummary(r), expected);
}

void TestSqliteHealth::findingMessageNamesColumnAndThreshold_data()
{
    QTest::addColumn<QStringList>("statements");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("fk names the child column")
        << QStringList{"CREATE TABLE orders (id INTEGER PRIMARY KEY)",
                       "CREATE TABLE trades (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id))"}
        << "fk_without_index" << QStringList{"trades(order_id)", "orders", "rule:"};
    QTest::newRow("duplicate names both indexes")
        << QStringList{"CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT, ts TEXT)",
                       "CREATE INDEX a_symbol ON trades(symbol)", "CREATE INDEX b_symbol_ts ON trades(symbol, ts)"}
        << "duplicate_index" << QStringList{"a_symbol (symbol)", "b_symbol_ts (symbol, ts)", "drop a_symbol"};
    QTest::newRow("no index names its threshold")
        << QStringList{"CREATE TABLE logs (msg TEXT)"} << "no_index" << QStringList{"0 rows", "from 1000 rows"};
}

void TestSqliteHealth::findingMessageNamesColumnAndThreshold()
{
    QFETCH(QStringList, statements);
    QFETCH(QString, code);
    QFETCH(QStringList, mentions);
    const QString file = path(QStringLiteral("m-%1.db").arg(code));
    QVERIFY(SqliteFixture::create(file, statements, true));
    const HealthReport r = scan(file);
    const HealthFinding *f = find(r, code);
    QVERIFY(f);
    for (const QString &m : mentions)
        QVERIFY2(f->message.contains(m), qPrintable(f->message));
}

void TestSqliteHealth::sizesAddUpToTheFile()
{
    const QString file = path(QStringLiteral("sizes.db"));
    QVERIFY(SqliteFixture::create(
        file,
        {"CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT, note TEXT)",
         "CREATE INDEX trades_symbol ON trades(symbol)",
         QString::fromLatin1(kRows1000) + "INSERT INTO trades(symbol, note) SELECT 'SYM' || (i % 7), "
                                          "hex(randomblob(200)) FROM n",
         "CREATE TABLE big (id INTEGER PRIMARY KEY, b BLOB)", "INSERT INTO big(b) VALUES (randomblob(20000))"},
        false));
    const HealthReport r = scan(file);
    const qint64 pageSize = qint64(r.facts.value(QStringLiteral("page_size")).toDouble());
    const qint64 pages = qint64(r.facts.value(QStringLiteral("page_count")).toDouble());
    qint64 sum = 0;
    for (const TableHealth &t : r.tables)
        sum += t.bytes();
    // every page is a table's, an index's, sqlite_schema's (one page here) or free
    QCOMPARE(sum + pageSize, pages * pageSize);
    const TableHealth *trades = table(r, QStringLiteral("trades"));
    QVERIFY(trades && trades->indexBytes > 0 && trades->tableBytes > trades->indexBytes);
    QVERIFY(table(r, QStringLiteral("big"))->tableBytes >= 20000); // overflow pages count
}

void TestSqliteHealth::rowCountsAreExact()
{
    const QString file = path(QStringLiteral("rows.db"));
    QVERIFY(SqliteFixture::create(file,
                                  {"CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT)",
                                   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                                   "INSERT INTO a(x) SELECT hex(randomblob(50)) FROM n",
                                   "CREATE TABLE w (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID",
                                   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                                   "INSERT INTO w SELECT printf('key%06d', i), hex(randomblob(40)) FROM n",
                                   "CREATE TABLE empty (id INTEGER PRIMARY KEY)"},
                                  true));
    const HealthReport r = scan(file);
    QCOMPARE(table(r, QStringLiteral("a"))->rows, 5000);
    QVERIFY(table(r, QStringLiteral("a"))->rowsExact);
    QCOMPARE(table(r, QStringLiteral("w"))->rows, 3000);
    QCOMPARE(table(r, QStringLiteral("empty"))->rows, 0);
}

void TestSqliteHealth::corruptStoreIsCritical_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("step");
    QTest::newRow("garbage over a table page") << "page"
                                               << "dbstat";
    QTest::newRow("garbage over the schema page") << "schema"
                                                  << "";
}

void TestSqliteHealth::corruptStoreIsCritical()
{
    QFETCH(QString, damage);
    QFETCH(QString, step);
    const QString file = path(QStringLiteral("corrupt-%1.db").arg(damage));
    QVERIFY(
        SqliteFixture::create(file,
                              {"PRAGMA page_size = 4096", "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)",
                               QString::fromLatin1(kRows1000) + "INSERT INTO t(x) SELECT hex(randomblob(100)) FROM n"},
                              false));
    if (damage == QLatin1String("page")) {
        QVERIFY(patch(file, 4096 * 3, QByteArray(4096, '\x5a'))); // a page of table t's b-tree
    } else {
        QVERIFY(patch(file, 100, QByteArray(4096 - 100, '\x5a')));
    }
    auto r = SqliteHealth::scan(file);
    QVERIFY2(r, qPrintable(r.error().oneLine()));
    QCOMPARE(r->status(), QStringLiteral("critical"));
    QCOMPARE(r->exitCode(), 2);
    const HealthFinding *f = find(r.value(), QStringLiteral("corrupt"));
    QVERIFY(f);
    QVERIFY2(f->message.contains(QLatin1String("corrupt")) && f->message.contains(QLatin1String("malformed")),
             qPrintable(f->message));
    QVERIFY2(f->message.contains(step), qPrintable(f->message));
}

void TestSqliteHealth::integrityCheckFindsIndexDamage()
{
    const QString file = path(QStringLiteral("index-damage.db"));
    QVERIFY(SqliteFixture::create(file,
                                  {"PRAGMA page_size = 4096", "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)",
                                   "CREATE INDEX t_s ON t(s)",
                                   "INSERT INTO t(s) VALUES ('alpha-0001'), ('bravo-0002'), ('charl-0003')"},
                                  false));
    const qint64 root =
        SqliteFixture::scalar(file, "SELECT rootpage FROM sqlite_schema WHERE name = 't_s'").toLongLong();
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.seek((root - 1) * 4096));
    QByteArray page = f.read(4096);
    const int at = page.indexOf("bravo-0002");
    QVERIFY(at > 0);
    page[at] = 'z'; // the index entry no longer matches its row: structure intact, content wrong
    QVERIFY(f.seek((root - 1) * 4096));
    QCOMPARE(f.write(page), 4096);
    f.close();
    QCOMPARE(scan(file).status(), QStringLiteral("warn")); // journal_not_wal only: the walk does not see it
    HealthOptions o;
    o.check = HealthOptions::Check::Integrity;
    const HealthReport r = scan(file, o);
    QCOMPARE(r.status(), QStringLiteral("critical"));
    QCOMPARE(r.checksRun, QStringList{"integrity_check"});
    const HealthFinding *c = find(r, QStringLiteral("corrupt"));
    QVERIFY(c);
    QVERIFY2(c->message.contains(QLatin1String("PRAGMA integrity_check")), qPrintable(c->message));
}

void TestSqliteHealth::foreignKeyCheckFindsOrphans()
{
    const QString file = path(QStringLiteral("orphans.db"));
    QVERIFY(
        SqliteFixture::create(file,
                              {"CREATE TABLE orders (id INTEGER PRIMARY KEY)",
                               "CREATE TABLE trades (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id))",
                               "CREATE INDEX trades_order ON trades(order_id)", "INSERT INTO orders VALUES (1)",
                               "INSERT INTO trades VALUES (1, 1), (2, 7), (3, 8)"},
                              true));
    QCOMPARE(summary(scan(file)), QStringList());
    HealthOptions o;
    o.foreignKeyCheck = true;
    const HealthReport r = scan(file, o);
    QCOMPARE(summary(r), QStringList{"warn trades fk_violation"});
    QVERIFY2(r.findings.first().message.startsWith(QLatin1String("2 row(s) of trades point at no row of orders")),
             qPrintable(r.findings.first().message));
}

void TestSqliteHealth::dataAgeAndStaleWrites()
{
    const QString file = path(QStringLiteral("age.db"));
    QVERIFY(SqliteFixture::create(
        file,
        {"CREATE TABLE trades (id INTEGER PRIMARY KEY, ts TEXT)",
         "INSERT INTO trades(ts) VALUES ('2024-01-01T10:00:00.000Z'), ('2024-01-01T11:13:00.000Z')",
         "CREATE TABLE candles (id INTEGER PRIMARY KEY, open_time INTEGER)",
         "CREATE INDEX candles_time ON candles(open_time)",
         "INSERT INTO candles(open_time) VALUES (1704102000000), (1704110397000)"},
        true));
    const HealthReport r = scan(file, staleAfter15MinAtNoon());
    const TableHealth *trades = table(r, QStringLiteral("trades"));
    QCOMPARE(trades->timeColumn, QStringLiteral("ts"));
    QCOMPARE(trades->oldest, QStringLiteral("2024-01-01T10:00:00.000Z"));
    QCOMPARE(trades->newest, QStringLiteral("2024-01-01T11:13:00.000Z"));
    QCOMPARE(trades->lastWriteAgeS, 47 * 60);
    const TableHealth *candles = table(r, QStringLiteral("candles"));
    QCOMPARE(candles->lastWriteAgeS, 3); // 11:59:57 in epoch milliseconds
    QCOMPARE(summary(r), QStringList{"warn trades stale_writes"});
    QVERIFY2(r.findings.first().message.contains(QLatin1String("last write 47 min ago")) &&
                 r.findings.first().message.contains(QLatin1String("threshold 15 min")),
             qPrintable(r.findings.first().message));
}

// A writer switched from "…T…Z" to SQLite's datetime('now') shape: the newest write is 11:50, not the greatest
// text ("…T11:13…"), so the table is not reported stale.
void TestSqliteHealth::dataAgeReadsInstantsAcrossTimeShapes()
{
    const QString file = path(QStringLiteral("age-shapes.db"));
    QVERIFY(SqliteFixture::create(file,
                                  {"CREATE TABLE trades (id INTEGER PRIMARY KEY, ts TEXT)",
                                   "INSERT INTO trades(ts) VALUES ('2024-01-01T10:00:00.000Z'), "
                                   "('2024-01-01T11:13:00.000Z'), ('2024-01-01 11:50:00')"},
                                  true));
    const HealthReport r = scan(file, staleAfter15MinAtNoon());
    const TableHealth *trades = table(r, QStringLiteral("trades"));
    QCOMPARE(trades->lastWriteAgeS, 10 * 60);
    QCOMPARE(summary(r), QStringList());
}

void TestSqliteHealth::retentionExceeded()
{
    const QString file = path(QStringLiteral("retention.db"));
    QVERIFY(SqliteFixture::create(file,
                                  {"CREATE TABLE market_data (id INTEGER PRIMARY KEY, timestamp TEXT)",
                                   "INSERT INTO market_data(timestamp) VALUES ('2024-01-01T00:00:00Z'), "
                                   "('2024-01-09T00:00:00Z')"},
                                  true));
    HealthOptions o;
    o.now = QDateTime(QDate(2024, 1, 10), QTime(0, 0), Qt::UTC);
    o.retention << RetentionRule::parse(QStringLiteral("market_data:timestamp:7d:archived_market_data")).value();
    HealthReport r = scan(file, o);
    QCOMPARE(summary(r), QStringList{"warn market_data retention_exceeded"});
    QVERIFY2(r.findings.first().message.contains(QLatin1String("keep 7 d")), qPrintable(r.findings.first().message));
    o.retention = {RetentionRule::parse(QStringLiteral("market_data:timestamp:10d")).value()};
    QCOMPARE(summary(scan(file, o)), QStringList());
    QVERIFY(!RetentionRule::parse(QStringLiteral("market_data:timestamp:7x")));
}

void TestSqliteHealth::quickPassGivesSchemaFindingsAndEstimates()
{
    const QString file = path(QStringLiteral("quick.db"));
    QVERIFY(SqliteFixture::create(
        file,
        {"CREATE TABLE orders (id INTEGER PRIMARY KEY)",
         "CREATE TABLE trades (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id), ts TEXT)",
         "CREATE INDEX trades_ts ON trades(ts)",
         QString::fromLatin1(kRows1000) + "INSERT INTO trades(order_id, ts) SELECT i, 'x' FROM n", "ANALYZE"},
        true));
    HealthOptions o;
    o.sizes = false;
    const HealthReport r = scan(file, o);
    QCOMPARE(summary(r), QStringList{"warn trades fk_without_index"});
    QCOMPARE(table(r, QStringLiteral("trades"))->rows, 1000); // from sqlite_stat1
    QVERIFY(!table(r, QStringLiteral("trades"))->rowsExact);
    QCOMPARE(table(r, QStringLiteral("trades"))->tableBytes, 0);
    QCOMPARE(table(r, QStringLiteral("orders"))->rows, -1); // ANALYZE writes no line for an empty table
}

void TestSqliteHealth::cancelledScanStops()
{
    const QString file = path(QStringLiteral("cancel.db"));
    QVERIFY(SqliteFixture::createTradingStore(file, 2000));
    OpControl control;
    control.token.cancel();
    HealthOptions o;
    o.check = HealthOptions::Check::Integrity;
    auto r = SqliteHealth::scan(file, o, control);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
}

void TestSqliteHealth::unreadableFileIsAnError_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("says");
    QTest::newRow("text") << "text"
                          << "not an SQLite database";
    // Issue 20: a file cut short is unusable input (exit 3, as info and backup say), not a critical report.
    QTest::newRow("truncated") << "truncated"
                               << "truncated";
}

void TestSqliteHealth::unreadableFileIsAnError()
{
    QFETCH(QString, kind);
    QFETCH(QString, says);
    const QString file = path(QStringLiteral("unreadable-%1.db").arg(kind));
    if (kind == QLatin1String("text")) {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello, this is not a database at all, just some text that is long enough\n");
    } else {
        QVERIFY(SqliteFixture::createTradingStore(file, 2000, false));
        QFile f(file);
        QVERIFY(f.resize(f.size() / 2));
    }
    auto r = SqliteHealth::scan(file);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::NotSqlite);
    QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
    QCOMPARE(exitCodeFor(r.error()), 3);
}

void TestSqliteHealth::storeWithoutBotTablesSaysSo()
{
    const QString file = path(QStringLiteral("notes.db"));
    QVERIFY(dbops::test::HostileFiles::foreignSchema(file));
    const HealthReport r = scan(file);
    QCOMPARE(summary(r), QStringList{"info  no_bot_tables"});
    QVERIFY2(find(r, QStringLiteral("no_bot_tables"))->message.contains(QLatin1String("no trading-bot tables found")),
             qPrintable(find(r, QStringLiteral("no_bot_tables"))->message));
    QCOMPARE(r.exitCode(), 0);
}

void TestSqliteHealth::dataDirPrefixesTablesAndReportsBrokenStores()
{
    const QString root = path(QStringLiteral("datadir"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/trading")));
    QVERIFY(SqliteFixture::create(root + QStringLiteral("/trading/trading.db"),
                                  {"CREATE TABLE trades (id INTEGER PRIMARY KEY)"}, true));
    QVERIFY(
        SqliteFixture::create(root + QStringLiteral("/broken.db"),
                              {"CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)",
                               QString::fromLatin1(kRows1000) + "INSERT INTO t(x) SELECT hex(randomblob(100)) FROM n"},
                              true));
    QFile broken(root + QStringLiteral("/broken.db"));
    QVERIFY(broken.resize(broken.size() / 3));
    auto r = HealthProbe::collect(Target::dataDir(root), SessionOptions::monitor());
    QVERIFY2(r, qPrintable(r.error().oneLine()));
    QVERIFY(table(r.value(), QStringLiteral("trading/trading.db:trades")));
    QCOMPARE(summary(r.value()), QStringList{"critical broken.db unreadable"});
}

void TestSqliteHealth::demoStoreFindings()
{
    const QString root = path(QStringLiteral("demo"));
    DemoOptions small;
    small.days = 2;
    small.marketDataDays = 1;
    const Error made = DemoStore::create(root, small);
    QVERIFY2(!made, qPrintable(made.oneLine()));
    auto r = SqliteHealth::scan(DemoStore::tradingDbPath(root));
    QVERIFY(r);
    const QStringList found = summary(r.value());
    for (const char *expected :
         {"warn trades duplicate_index", "warn trades fk_without_index", "warn archived_market_data no_primary_key"})
        QVERIFY2(found.contains(QLatin1String(expected)), qPrintable(found.join(QLatin1Char('\n'))));
    const HealthFinding *fk = find(r.value(), QStringLiteral("fk_without_index"));
    QVERIFY(fk->message.contains(QLatin1String("trades(order_id)")));
}

QTEST_GUILESS_MAIN(TestSqliteHealth)
#include "tst_sqlitehealth.moc"
