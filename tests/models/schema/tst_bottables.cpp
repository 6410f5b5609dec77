// Which table names mark a trading bot's store (the seeds' and the demo store's conventions), and which belong
// to any application: the rule behind health's no_bot_tables, info's bot_tables and cleanup's silence.
#include "schema/bottables.h"

#include <QtTest>

using namespace dbops;

class TestBotTables : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void namesABotTable_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<bool>("bot");
        const QString bot = QStringLiteral("trades Orders positions fills balances market_data candles klines ohlcv_1m "
                                           "ticks orderbook funding_rates signals ml_predictions indication_states "
                                           "backtests trade_engine_state bt_trades archived_market_data "
                                           "public.trades trading/trading.db:orders");
        const QString other = QStringLiteral("notes tags events error_logs settings users schema_migrations "
                                             "sqlite_sequence trades_view_cache_x stock ticket");
        for (const QString &name : bot.split(QLatin1Char(' ')))
            QTest::newRow(qPrintable(name)) << name << true;
        for (const QString &name : other.split(QLatin1Char(' ')))
            QTest::newRow(qPrintable(name)) << name << false;
    }
    void namesABotTable()
    {
        QFETCH(QString, table);
        QFETCH(bool, bot);
        QCOMPARE(BotTables::isBotTable(table), bot);
    }

    void oneBotTableMakesABotStore()
    {
        QVERIFY(BotTables::anyIn({QStringLiteral("settings"), QStringLiteral("trades")}));
        QVERIFY(!BotTables::anyIn({QStringLiteral("settings"), QStringLiteral("events")}));
        QVERIFY(!BotTables::anyIn({}));
    }
};

QTEST_GUILESS_MAIN(TestBotTables)
#include "tst_bottables.moc"
