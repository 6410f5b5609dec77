#include "schema/bottables.h"

#include <QRegularExpression>

namespace dbops {

bool BotTables::isBotTable(const QString &table)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\w+_)?(trades?|orders?|positions?|fills?|balances?|market_data|candles?|klines?|ohlcv\\w*|"
                       "ticks|order_?books?|funding_rates?|signals?|ml_predictions|indication_states|backtests?|"
                       "trade_\\w+)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QString bare = table.section(QLatin1Char(':'), -1).section(QLatin1Char('.'), -1);
    return re.match(bare).hasMatch();
}

bool BotTables::anyIn(const QStringList &tables)
{
    for (const QString &t : tables)
        if (isBotTable(t))
            return true;
    return false;
}

QString BotTables::noneFound()
{
    return QStringLiteral("no trading-bot tables found (no trades, orders, positions, balances, market data or "
                          "signals): this looks like another application's database");
}

} // namespace dbops
