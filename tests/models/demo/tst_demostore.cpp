// `dbops demo` creates a realistic, deterministic bot data directory; row counts follow DemoRules.
#include "demo/demooptions.h"
#include "demo/demostore.h"
#include "sqlitefixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

// Every row of `sql`, read on a read-only connection of the test's own.
QList<QVariantList> rows(const QString &path, const QString &sql)
{
    static int n = 0;
    const QString name = QStringLiteral("tst-demostore-%1").arg(++n);
    QList<QVariantList> out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql))
                while (q.next()) {
                    QVariantList row;
                    for (int i = 0; i < q.record().count(); ++i)
                        row << q.value(i);
                    out << row;
                }
            else
                qWarning("query failed: %s", qPrintable(sql));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

QStringList column(const QString &path, const QString &sql)
{
    QStringList out;
    for (const QVariantList &r : rows(path, sql))
        out << r.value(0).toString();
    return out;
}

qint64 count(const QString &path, const QString &table, const QString &where = {})
{
    const QString sql = QStringLiteral("SELECT count(*) FROM %1").arg(table) +
                        (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    const QVariant v = SqliteFixture::scalar(path, sql);
    return v.isValid() ? v.toLongLong() : -1;
}

QStringList userTables(const QString &path)
{
    return column(path, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                       "'sqlite_%' ORDER BY name"));
}

// A SHA-256 over every row of every table, in rowid order: equal hashes mean equal contents.
QMap<QString, QByteArray> tableHashes(const QString &path)
{
    QMap<QString, QByteArray> hashes;
    for (const QString &table : userTables(path)) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const QVariantList &r : rows(path, QStringLiteral("SELECT * FROM \"%1\" ORDER BY rowid").arg(table))) {
            for (const QVariant &v : r)
                hash.addData(QByteArray((v.isNull() ? QStringLiteral("<null>") : v.toString()).toUtf8() + '\x1f'));
            hash.addData("\x1e");
        }
        hashes.insert(table, hash.result());
    }
    return hashes;
}

QString iso(const QDateTime &t) { return t.toUTC().toString(Qt::ISODateWithMs); }

} // namespace

class TestDemoStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_demo; // made once by initTestCase with default options; tests only read it
    const DemoOptions m_opts;

    QString trading() const { return m_demo + QStringLiteral("/trading/trading.db"); }
    int symbols() const { return int(m_opts.symbols.size()); }
    int roundTrips() const { return m_opts.days * 24 / DemoRules::kRoundTripHours; }
    int openPositions() const { return std::min(DemoRules::kOpenPositions, symbols()); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_demo = m_tmp.filePath(QStringLiteral("demo"));
        QElapsedTimer timer;
        timer.start();
        const Error e = DemoStore::create(m_demo, m_opts);
        QVERIFY2(!e, qPrintable(e.oneLine()));
        qInfo("DemoStore::create took %lld ms", timer.elapsed());
    }

    void createsExpectedFiles_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f :
             {"settings.json", "trading/trading.db", "trading/.writer.lock", "trading/migrations/001_initial.sql",
              "signals/signals.db", "config/config.db", "market_data/.schema_version",
              "market_data/candles_2026-01-01.duckdb", "backups/trading/2026-01-01/trading.db"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void createsExpectedFiles()
    {
        QFETCH(QString, file);
        QVERIFY2(QFileInfo(m_demo + QLatin1Char('/') + file).isFile(), qPrintable(file));
    }

    void leavesNoWalFilesBehind()
    {
        QDir::Filters filters = QDir::Files | QDir::Hidden;
        for (const QString &dir : {QStringLiteral("trading"), QStringLiteral("signals"), QStringLiteral("config")}) {
            const QStringList names = QDir(m_demo + QLatin1Char('/') + dir).entryList(filters);
            for (const QString &name : names)
                QVERIFY2(!name.endsWith(QLatin1String("-wal")) && !name.endsWith(QLatin1String("-shm")),
                         qPrintable(name));
        }
    }

    void tradingRowCounts_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<qint64>("expected");
        const int s = symbols(), d = m_opts.days, m = m_opts.marketDataDays, r = roundTrips();
        QTest::newRow("candles") << QStringLiteral("candles") << qint64(s) * d * 24 * 60 / DemoRules::kCandleMinutes;
        QTest::newRow("market_data") << QStringLiteral("market_data")
                                     << qint64(s) * m * 24 * 60 / DemoRules::kMarketDataMinutes;
        QTest::newRow("archived_market_data")
            << QStringLiteral("archived_market_data") << qint64(s) * (d - m) * 24 * 60 / DemoRules::kMarketDataMinutes;
        QTest::newRow("indication_states")
            << QStringLiteral("indication_states") << qint64(s) * DemoRules::kIndicationHours * DemoRules::kIndicators;
        QTest::newRow("positions") << QStringLiteral("positions") << qint64(r + openPositions());
        QTest::newRow("orders") << QStringLiteral("orders")
                                << qint64(2 * r + r / DemoRules::kCancelledEvery + openPositions() + s);
        QTest::newRow("trades") << QStringLiteral("trades") << qint64(2 * r + openPositions());
        QTest::newRow("balances") << QStringLiteral("balances")
                                  << qint64(d) * 24 / DemoRules::kBalanceHours * DemoRules::kBalanceAssets;
        QTest::newRow("signals") << QStringLiteral("signals") << qint64(s) * d * 24 / DemoRules::kSignalHours;
        QTest::newRow("error_logs") << QStringLiteral("error_logs") << qint64(d) * 24 / DemoRules::kErrorLogHours;
        QTest::newRow("schema_migrations")
            << QStringLiteral("schema_migrations") << qint64(DemoRules::kAppliedMigrations);
    }
    void tradingRowCounts()
    {
        QFETCH(QString, table);
        QFETCH(qint64, expected);
        QCOMPARE(count(trading(), table), expected);
    }

    void defaultCountsAreTheDocumentedOnes()
    {
        // The rules worked out by hand for the defaults (30 days, 4 symbols, 10 market-data days).
        QCOMPARE(count(trading(), QStringLiteral("candles")), 34560);
        QCOMPARE(count(trading(), QStringLiteral("market_data")), 3840);
        QCOMPARE(count(trading(), QStringLiteral("orders")), 270);
        QCOMPARE(count(trading(), QStringLiteral("trades")), 242);
        QCOMPARE(count(trading(), QStringLiteral("positions")), 122);
    }

    void accountStatesFollowTheRules_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("where");
        QTest::addColumn<qint64>("expected");
        const int r = roundTrips();
        QTest::newRow("closed positions")
            << QStringLiteral("positions") << QStringLiteral("status = 'CLOSED'") << qint64(r);
        QTest::newRow("open positions") << QStringLiteral("positions") << QStringLiteral("status = 'OPEN'")
                                        << qint64(openPositions());
        QTest::newRow("cancelled orders") << QStringLiteral("orders") << QStringLiteral("status = 'CANCELED'")
                                          << qint64(r / DemoRules::kCancelledEvery);
        QTest::newRow("resting orders") << QStringLiteral("orders") << QStringLiteral("status = 'NEW'")
                                        << qint64(symbols());
        QTest::newRow("filled orders") << QStringLiteral("orders") << QStringLiteral("status = 'FILLED'")
                                       << qint64(2 * r + openPositions());
        QTest::newRow("open positions have no exit")
            << QStringLiteral("positions") << QStringLiteral("status = 'OPEN' AND closed_at IS NULL")
            << qint64(openPositions());
    }
    void accountStatesFollowTheRules()
    {
        QFETCH(QString, table);
        QFETCH(QString, where);
        QFETCH(qint64, expected);
        QCOMPARE(count(trading(), table, where), expected);
    }

    void sideStoreRowCounts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("table");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("scanner signals") << QStringLiteral("signals/signals.db") << QStringLiteral("signals")
                                         << qint64(symbols()) * DemoRules::kScannerSignalDays * 24;
        QTest::newRow("settings") << QStringLiteral("config/config.db") << QStringLiteral("settings")
                                  << qint64(DemoRules::kSettings);
        QTest::newRow("watchlist") << QStringLiteral("config/config.db") << QStringLiteral("watchlist")
                                   << qint64(symbols());
    }
    void sideStoreRowCounts()
    {
        QFETCH(QString, file);
        QFETCH(QString, table);
        QFETCH(qint64, expected);
        QCOMPARE(count(m_demo + QLatin1Char('/') + file, table), expected);
    }

    void rowCountsScaleWithOptions()
    {
        QTemporaryDir tmp;
        DemoOptions opts;
        opts.days = 3;
        opts.marketDataDays = 2;
        opts.symbols = {QStringLiteral("ETHUSDT")};
        const QString dir = tmp.filePath(QStringLiteral("small"));
        const Error e = DemoStore::create(dir, opts);
        QVERIFY2(!e, qPrintable(e.oneLine()));
        const QString db = dir + QStringLiteral("/trading/trading.db");
        QCOMPARE(count(db, QStringLiteral("candles")), 3 * 288);
        QCOMPARE(count(db, QStringLiteral("market_data")), 2 * 96);
        QCOMPARE(count(db, QStringLiteral("archived_market_data")), 1 * 96);
        // 12 round trips, 2 of them with a cancelled order; one open position (one symbol); one resting order.
        QCOMPARE(count(db, QStringLiteral("orders")), 24 + 2 + 1 + 1);
        QCOMPARE(count(db, QStringLiteral("positions")), 12 + 1);
        QCOMPARE(count(db, QStringLiteral("trades")), 24 + 1);
    }

    void isDeterministic()
    {
        const QString second = m_tmp.filePath(QStringLiteral("again"));
        const Error e = DemoStore::create(second, m_opts);
        QVERIFY2(!e, qPrintable(e.oneLine()));
        for (const QString &db : {QStringLiteral("trading/trading.db"), QStringLiteral("signals/signals.db"),
                                  QStringLiteral("config/config.db")}) {
            const auto first = tableHashes(m_demo + QLatin1Char('/') + db);
            const auto again = tableHashes(second + QLatin1Char('/') + db);
            QVERIFY(!first.isEmpty());
            QCOMPARE(again.keys(), first.keys());
            for (const QString &table : first.keys())
                QVERIFY2(again.value(table) == first.value(table), qPrintable(db + QLatin1Char(' ') + table));
        }
    }

    void otherSeedGivesOtherPrices()
    {
        QTemporaryDir tmp;
        DemoOptions opts;
        opts.days = 1;
        opts.marketDataDays = 1;
        DemoOptions other = opts;
        other.seed = opts.seed + 1;
        QVERIFY(!DemoStore::create(tmp.filePath(QStringLiteral("a")), opts));
        QVERIFY(!DemoStore::create(tmp.filePath(QStringLiteral("b")), other));
        const QString sql = QStringLiteral("SELECT group_concat(close) FROM candles");
        const QVariant a = SqliteFixture::scalar(tmp.filePath(QStringLiteral("a/trading/trading.db")), sql);
        const QVariant b = SqliteFixture::scalar(tmp.filePath(QStringLiteral("b/trading/trading.db")), sql);
        QVERIFY(!a.toString().isEmpty());
        QVERIFY(a != b);
    }

    void storesAreInWalMode_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("trading") << QStringLiteral("trading/trading.db");
        QTest::newRow("signals") << QStringLiteral("signals/signals.db");
        QTest::newRow("config") << QStringLiteral("config/config.db");
    }
    void storesAreInWalMode()
    {
        QFETCH(QString, file);
        QCOMPARE(
            SqliteFixture::scalar(m_demo + QLatin1Char('/') + file, QStringLiteral("PRAGMA journal_mode")).toString(),
            QStringLiteral("wal"));
    }

    void migrationsFolderHasThreePending()
    {
        const QStringList files = QDir(m_demo + QStringLiteral("/trading/migrations"))
                                      .entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), DemoRules::kMigrations);
        QSet<QString> onDisk;
        for (const QString &f : files)
            onDisk << f.section(QLatin1Char('_'), 0, 0);
        QSet<QString> applied;
        for (const QVariantList &r : rows(trading(), QStringLiteral("SELECT version, name FROM schema_migrations"))) {
            applied << r.value(0).toString();
            // The applied row names the script it came from.
            QVERIFY2(files.contains(r.value(0).toString() + QLatin1Char('_') + r.value(1).toString() +
                                    QStringLiteral(".sql")),
                     qPrintable(r.value(0).toString()));
        }
        QCOMPARE(applied.size(), DemoRules::kAppliedMigrations);
        QVERIFY(applied.size() < onDisk.size() && (onDisk & applied) == applied);
        QSet<QString> pending = onDisk - applied;
        QCOMPARE(pending, (QSet<QString>{QStringLiteral("013"), QStringLiteral("014"), QStringLiteral("015")}));
    }

    void pendingMigrationIsNotYetInTheSchema()
    {
        // 013 adds trades.fee_asset; the store must not have it yet.
        QFile script(m_demo + QStringLiteral("/trading/migrations/013_trades_fee_asset.sql"));
        QVERIFY(script.open(QIODevice::ReadOnly));
        QVERIFY(script.readAll().contains("ADD COLUMN fee_asset"));
        QCOMPARE(count(trading(), QStringLiteral("pragma_table_info('trades')"), QStringLiteral("name = 'fee_asset'")),
                 0);
        QCOMPARE(
            count(trading(), QStringLiteral("pragma_table_info('trades')"), QStringLiteral("name = 'realized_pnl'")),
            1);
    }

    void refusesNonEmptyOutDir()
    {
        QTemporaryDir tmp;
        QFile keep(tmp.filePath(QStringLiteral(".keep")));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.close();
        const Error e = DemoStore::create(tmp.path());
        QCOMPARE(e.code, ErrorCode::Usage);
        QVERIFY(e.message.contains(tmp.path()));
        QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{QStringLiteral(".keep")});
    }

    void refusesOutDirThatIsAFile()
    {
        QTemporaryDir tmp;
        const QString file = tmp.filePath(QStringLiteral("notadir"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QCOMPARE(DemoStore::create(file).code, ErrorCode::Usage);
    }

    void acceptsEmptyExistingDir()
    {
        QTemporaryDir tmp;
        DemoOptions opts;
        opts.days = 1;
        opts.marketDataDays = 1;
        const Error e = DemoStore::create(tmp.path(), opts);
        QVERIFY2(!e, qPrintable(e.oneLine()));
        QVERIFY(QFileInfo(tmp.filePath(QStringLiteral("trading/trading.db"))).isFile());
    }

    void refusesNonsenseOptions()
    {
        QTemporaryDir tmp;
        DemoOptions opts;
        opts.symbols.clear();
        QCOMPARE(DemoStore::create(tmp.filePath(QStringLiteral("x")), opts).code, ErrorCode::Usage);
        QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("x"))));
    }

    void staleLockPidIsNotAlive()
    {
        QFile lock(m_demo + QStringLiteral("/trading/.writer.lock"));
        QVERIFY(lock.open(QIODevice::ReadOnly));
        bool ok = false;
        const qint64 pid = lock.readAll().trimmed().toLongLong(&ok);
        QVERIFY(ok);
        QVERIFY(pid > 1);
        QVERIFY(pid != QCoreApplication::applicationPid());
        QVERIFY2(!QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid)), qPrintable(QString::number(pid)));
    }

    void schemaVersionIs100()
    {
        QFile f(m_demo + QStringLiteral("/market_data/.schema_version"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("1.0.0"));
    }

    void duckDbStandInHasMagic()
    {
        QFile f(m_demo + QStringLiteral("/market_data/candles_2026-01-01.duckdb"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QCOMPARE(bytes.size(), 4096);
        QCOMPARE(bytes.mid(8, 4), QByteArray("DUCK"));
    }

    void settingsJsonNamesTradingDb()
    {
        QFile f(m_demo + QStringLiteral("/settings.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(o.value(QStringLiteral("database_type")).toString(), QStringLiteral("sqlite"));
        QCOMPARE(o.value(QStringLiteral("db_path")).toString(), QStringLiteral("trading/trading.db"));
    }

    void backupMatchesTradingDb()
    {
        const QString backup = m_demo + QStringLiteral("/backups/trading/2026-01-01/trading.db");
        QCOMPARE(SqliteFixture::scalar(backup, QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
        QCOMPARE(userTables(backup), userTables(trading()));
        QCOMPARE(tableHashes(backup), tableHashes(trading()));
    }

    void storesPassIntegrityAndForeignKeyChecks()
    {
        QCOMPARE(SqliteFixture::scalar(trading(), QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
        QCOMPARE(rows(trading(), QStringLiteral("PRAGMA foreign_key_check")).size(), 0);
    }

    void retentionPoliciesHaveRowsDue()
    {
        const QDateTime now = m_opts.now;
        const int s = symbols();
        const QString marketCutoff = iso(now.addDays(-DemoRules::kMarketDataRetentionDays));
        QCOMPARE(count(trading(), QStringLiteral("market_data"), QStringLiteral("timestamp < '%1'").arg(marketCutoff)),
                 qint64(s) * (m_opts.marketDataDays - DemoRules::kMarketDataRetentionDays) * 24 * 60 /
                     DemoRules::kMarketDataMinutes);
        const QString stateCutoff = iso(now.addSecs(-3600 * DemoRules::kIndicationRetentionHours));
        QCOMPARE(count(trading(), QStringLiteral("indication_states"),
                       QStringLiteral("calculated_at < '%1'").arg(stateCutoff)),
                 qint64(s) * DemoRules::kIndicators *
                     (DemoRules::kIndicationHours - DemoRules::kIndicationRetentionHours));
    }

    void timeColumnsAreIsoTextBeforeBaseTime_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("column");
        const QList<QPair<const char *, const char *>> columns = {{"orders", "created_at"},
                                                                  {"orders", "updated_at"},
                                                                  {"positions", "opened_at"},
                                                                  {"trades", "timestamp"},
                                                                  {"balances", "updated_at"},
                                                                  {"signals", "created_at"},
                                                                  {"error_logs", "created_at"},
                                                                  {"market_data", "timestamp"},
                                                                  {"archived_market_data", "timestamp"},
                                                                  {"indication_states", "calculated_at"},
                                                                  {"schema_migrations", "applied_at"}};
        for (const auto &c : columns)
            QTest::newRow(qPrintable(QStringLiteral("%1.%2").arg(QLatin1String(c.first), QLatin1String(c.second))))
                << QString::fromLatin1(c.first) << QString::fromLatin1(c.second);
    }
    void timeColumnsAreIsoTextBeforeBaseTime()
    {
        QFETCH(QString, table);
        QFETCH(QString, column);
        const QString pattern = QStringLiteral(
            "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z");
        QCOMPARE(
            count(trading(), table, QStringLiteral("typeof(%1) <> 'text' OR %1 NOT GLOB '%2'").arg(column, pattern)),
            0);
        QCOMPARE(count(trading(), table, QStringLiteral("%1 >= '%2'").arg(column, iso(m_opts.now))), 0);
    }

    void candleTimesAreEpochMilliseconds()
    {
        QCOMPARE(count(trading(), QStringLiteral("candles"), QStringLiteral("typeof(open_time) <> 'integer'")), 0);
        const qint64 from = m_opts.now.addDays(-m_opts.days).toMSecsSinceEpoch();
        const qint64 last = m_opts.now.toMSecsSinceEpoch() - DemoRules::kCandleMinutes * 60000;
        QCOMPARE(SqliteFixture::scalar(trading(), QStringLiteral("SELECT min(open_time) FROM candles")).toLongLong(),
                 from);
        QCOMPARE(SqliteFixture::scalar(trading(), QStringLiteral("SELECT max(open_time) FROM candles")).toLongLong(),
                 last);
        QCOMPARE(count(trading(), QStringLiteral("candles"), QStringLiteral("close_time <> open_time + 299999")), 0);
        QCOMPARE(count(trading(), QStringLiteral("candles"),
                       QStringLiteral("NOT (low <= min(open, close) AND high >= max(open, close))")),
                 0);
    }

    // The three defects demo_schema.sql documents, each present exactly once.
    void hasExactlyOneDuplicateIndex()
    {
        QStringList duplicates;
        for (const QString &table : userTables(trading())) {
            QMap<QString, QString> byColumns; // column list -> index name
            for (const QString &index : column(
                     trading(), QStringLiteral("SELECT name FROM pragma_index_list('%1') ORDER BY name").arg(table))) {
                const QString cols =
                    column(trading(),
                           QStringLiteral("SELECT name FROM pragma_index_info('%1') ORDER BY seqno").arg(index))
                        .join(QLatin1Char(','));
                if (byColumns.contains(cols))
                    duplicates << byColumns.value(cols) + QLatin1Char('=') + index;
                byColumns.insert(cols, index);
            }
        }
        QCOMPARE(duplicates, QStringList{QStringLiteral("idx_trades_symbol=trades_symbol_idx")});
    }

    void hasExactlyOneUnindexedForeignKey()
    {
        QStringList unindexed;
        for (const QString &table : userTables(trading())) {
            const QStringList leading = column(
                trading(), QStringLiteral("SELECT (SELECT name FROM pragma_index_info(l.name) WHERE seqno = 0) FROM "
                                          "pragma_index_list('%1') AS l")
                               .arg(table));
            for (const QString &fk :
                 column(trading(), QStringLiteral("SELECT \"from\" FROM pragma_foreign_key_list('%1')").arg(table)))
                if (!leading.contains(fk))
                    unindexed << table + QLatin1Char('.') + fk;
        }
        QCOMPARE(unindexed, QStringList{QStringLiteral("trades.order_id")});
    }

    void hasExactlyOneTableWithoutPrimaryKey()
    {
        QStringList withoutPk;
        for (const QString &table : userTables(trading()))
            if (count(trading(), QStringLiteral("pragma_table_info('%1')").arg(table), QStringLiteral("pk > 0")) == 0)
                withoutPk << table;
        QCOMPARE(withoutPk, QStringList{QStringLiteral("archived_market_data")});
    }
};

QTEST_GUILESS_MAIN(TestDemoStore)
#include "tst_demostore.moc"
