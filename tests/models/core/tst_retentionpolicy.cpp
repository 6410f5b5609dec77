// Retention policies as operators write them on the command line and in profiles.
#include "cleanup/retentionsuggest.h"
#include "core/retentionpolicy.h"

#include <QtTest>

using namespace dbops;

class TestRetentionPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesValidSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("column");
        QTest::addColumn<qint64>("keep");
        QTest::addColumn<QString>("archive");
        QTest::addColumn<QString>("written");
        QTest::newRow("seed 003 market data") << "market_data:timestamp:7d:archived_market_data"
                                              << "market_data"
                                              << "timestamp" << qint64(7 * 86400) << "archived_market_data"
                                              << "market_data:timestamp:7d:archived_market_data";
        QTest::newRow("hours") << "indication_states:calculated_at:48h"
                               << "indication_states"
                               << "calculated_at" << qint64(48 * 3600) << ""
                               << "indication_states:calculated_at:2d";
        QTest::newRow("weeks written as days") << "logs:ts:2w"
                                               << "logs"
                                               << "ts" << qint64(14 * 86400) << ""
                                               << "logs:ts:14d";
        QTest::newRow("minutes") << "ticks:ts:90m"
                                 << "ticks"
                                 << "ts" << qint64(5400) << ""
                                 << "ticks:ts:90m";
        QTest::newRow("schema-qualified") << "bot.candles:open_time:30d"
                                          << "bot.candles"
                                          << "open_time" << qint64(30 * 86400) << ""
                                          << "bot.candles:open_time:30d";
    }
    void parsesValidSpecs()
    {
        QFETCH(QString, spec);
        const auto p = RetentionPolicy::parse(spec);
        QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().oneLine()));
        QFETCH(QString, table);
        QFETCH(QString, column);
        QFETCH(qint64, keep);
        QFETCH(QString, archive);
        QFETCH(QString, written);
        QCOMPARE(p->table, table);
        QCOMPARE(p->column, column);
        QCOMPARE(p->keepSeconds, keep);
        QCOMPARE(p->archiveTable, archive);
        QCOMPARE(p->spec(), written);
    }

    void rejectsBadSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("two parts") << "market_data:7d"
                                   << "3 or 4 parts";
        QTest::newRow("no unit") << "market_data:timestamp:7"
                                 << "not a duration";
        QTest::newRow("zero") << "market_data:timestamp:0d"
                              << "not a duration";
        QTest::newRow("unknown unit") << "market_data:timestamp:7y"
                                      << "not a duration";
        QTest::newRow("injection in table") << "x; DROP TABLE trades:ts:7d"
                                            << "not a table name";
        QTest::newRow("quote in column") << "market_data:ts\":7d"
                                         << "not a column name";
        QTest::newRow("archive into itself") << "market_data:ts:7d:market_data"
                                             << "must differ";
        QTest::newRow("beyond any store's age") << "candles:open_time:999999999d"
                                                << "more than 100 years";
    }
    void rejectsBadSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, mentions);
        const auto p = RetentionPolicy::parse(spec);
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, ErrorCode::Usage);
        QVERIFY2(p.error().message.contains(mentions), qPrintable(p.error().message));
        QVERIFY(p.error().hint.contains(QLatin1String("TABLE:COLUMN:KEEP")));
    }

    void refusesTwoPoliciesForOneTable()
    {
        const auto all = RetentionPolicy::parseAll({QStringLiteral("logs:ts:7d"), QStringLiteral("LOGS:ts:30d")});
        QVERIFY(!all.ok());
        QVERIFY(all.error().message.contains(QLatin1String("two policies")));
    }

    void protectsTradingRecord_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<bool>("protectedTable");
        for (const char *t :
             {"trades", "orders", "positions", "fills", "balances", "audit_log", "bt_trades", "public.orders", "trade"})
            QTest::newRow(t) << QString::fromLatin1(t) << true;
        for (const char *t :
             {"market_data", "candles", "indication_states", "error_logs", "trades_raw_cache_x", "signals"})
            QTest::newRow(t) << QString::fromLatin1(t) << false;
    }
    void protectsTradingRecord()
    {
        QFETCH(QString, table);
        QFETCH(bool, protectedTable);
        QCOMPARE(RetentionPolicy::isProtectedTable(table), protectedTable);
    }

    void suggestsSeedConventions()
    {
        const QList<QPair<QString, QString>> marketCols{{"id", "INTEGER"}, {"timestamp", "TEXT"}};
        const QList<QPair<QString, QString>> stateCols{{"id", "INTEGER"}, {"calculated_at", "TEXT"}};
        const QList<QPair<QString, QString>> tradeCols{{"id", "INTEGER"}, {"created_at", "TEXT"}};
        const QList<QPair<QString, QString>> configCols{{"key", "TEXT"}, {"value", "TEXT"}};
        const auto s = RetentionSuggest::fromTables({{"market_data", marketCols},
                                                     {"archived_market_data", marketCols},
                                                     {"indication_states", stateCols},
                                                     {"trades", tradeCols},
                                                     {"error_logs", tradeCols},
                                                     {"settings", configCols}});
        QStringList specs;
        for (const RetentionSuggestion &x : s)
            specs << x.policy.spec();
        QCOMPARE(specs, QStringList({"market_data:timestamp:7d:archived_market_data",
                                     "indication_states:calculated_at:2d", "error_logs:created_at:30d"}));
    }

    // Another application's store: its log table has a time column, but nothing of a trading bot is there, so
    // dbops offers to delete none of its rows.
    void suggestsNothingForAnotherApplication()
    {
        const QList<QPair<QString, QString>> logCols{{"id", "INTEGER"}, {"created_at", "TEXT"}};
        const auto s = RetentionSuggest::fromStore({{"notes", logCols}, {"events", logCols}, {"error_logs", logCols}});
        QVERIFY(s.items.isEmpty());
        QVERIFY(!s.botTables);
    }
};

QTEST_GUILESS_MAIN(TestRetentionPolicy)
#include "tst_retentionpolicy.moc"
