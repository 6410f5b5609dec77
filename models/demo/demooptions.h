#pragma once
// What `dbops demo` generates and the rules it generates by. The rules are public so that tests (and the
// README) can derive every table's row count from them instead of trusting the generator's output.
#include <QDateTime>
#include <QStringList>

namespace dbops {

struct DemoOptions {
    // Base time of the generated history. Fixed, so that two runs produce identical tables; every generated
    // row lies before it. (The simulator later writes rows at the real current time.)
    QDateTime now = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    quint32 seed = 20260101;
    QStringList symbols = {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"), QStringLiteral("SOLUSDT"),
                           QStringLiteral("BNBUSDT")};
    int days = 30;           // history behind candles, orders, trades, positions, balances, signals, error_logs
    int marketDataDays = 10; // market_data keeps this many days (retention policy is 7, so 3 days are due)

    // The options of the store an operator tries the console on: history ending at the current minute, so that
    // retention, data age and "newer than the backup" read as they would on a live bot's store.
    static DemoOptions endingNow()
    {
        DemoOptions o;
        const qint64 minute = 60 * 1000;
        o.now = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch() / minute * minute, Qt::UTC);
        return o;
    }
};

// Generation rules. "per symbol" means for each of DemoOptions::symbols; all slots end before `now`.
namespace DemoRules {
inline constexpr int kCandleMinutes = 5;      // candles: one '5m' bar per symbol per 5 minutes over `days`
inline constexpr int kMarketDataMinutes = 15; // market_data: one bar per symbol per 15 min over marketDataDays
// archived_market_data: the same 15-minute bars for the part of `days` older than marketDataDays.
inline constexpr int kIndicationHours = 96; // indication_states: hourly, at now-1h .. now-96h,
inline constexpr int kIndicators = 3;       //   for rsi_14, ema_50 and macd, per symbol
inline constexpr int kIndicationRetentionHours = 48;
inline constexpr int kMarketDataRetentionDays = 7;
// One closed round trip every kRoundTripHours over `days`, on the symbols in turn: 1 position (CLOSED),
// 2 FILLED orders (entry, exit), 2 trades. Every kCancelledEvery-th round trip also has one CANCELED order.
inline constexpr int kRoundTripHours = 6;
inline constexpr int kCancelledEvery = 5;
// Then min(kOpenPositions, symbols) OPEN positions (1 FILLED order and 1 trade each), and one resting NEW
// limit order per symbol.
inline constexpr int kOpenPositions = 2;
inline constexpr int kSignalHours = 2;        // trading signals: one per symbol every 2 h over `days`
inline constexpr int kErrorLogHours = 3;      // error_logs: one row every 3 h over `days`
inline constexpr int kBalanceHours = 4;       // balances: a snapshot every 4 h over `days`,
inline constexpr int kBalanceAssets = 3;      //   of USDT, BTC and ETH
inline constexpr int kScannerSignalDays = 7;  // signals/signals.db: one per symbol per hour over 7 days
inline constexpr int kMigrations = 15;        // trading/migrations/001..015
inline constexpr int kAppliedMigrations = 12; // schema_migrations: 001..012 (013..015 pending)
inline constexpr int kSettings = 8;           // config/config.db settings rows; watchlist: one per symbol
} // namespace DemoRules

} // namespace dbops
