#pragma once
// Does a store look like a trading bot's? By table names only (the bots' conventions in the seeds and the demo
// store): trades, orders, positions, fills, balances, market data (market_data, candles, klines, ohlcv, ticks,
// order books, funding rates), signals / ml_predictions, indication_states, backtests, trade_* — bare or with a
// prefix (bt_trades, archived_market_data). A store with none of them belongs to another application: health
// says so (finding no_bot_tables), info says so, and cleanup suggests deleting nothing from it.
#include <QStringList>

namespace dbops {

class BotTables {
public:
    // `table` may be schema-qualified ("public.trades") or a data-directory name ("data/x.db:trades").
    static bool isBotTable(const QString &table);
    static bool anyIn(const QStringList &tables);
    // The operator's words for a store without them, naming what was looked for.
    static QString noneFound();
};

} // namespace dbops
