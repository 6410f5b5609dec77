#include "demo/demoevents.h"

#include "demo/demorandom.h"
#include "demo/demosql.h"

#include <cmath>

namespace dbops {

namespace {

constexpr qint64 kHourMs = 60 * 60 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;

} // namespace

const QVector<DemoEvents::LogLine> &DemoEvents::logLines()
{
    static const QVector<LogLine> lines = {
        {"ERROR", "exchange", "Binance API error -1021: Timestamp for this request is outside of the recvWindow"},
        {"WARNING", "exchange", "HTTP 429 Too Many Requests from api.binance.com; backing off 2 s"},
        {"ERROR", "exchange", "Order placement failed for BTCUSDT: insufficient balance for requested action"},
        {"WARNING", "websocket", "Stream btcusdt@kline_5m disconnected (code 1006); reconnecting in 5 s"},
        {"WARNING", "websocket", "No kline update for ethusdt in 90 s; resubscribing"},
        {"ERROR", "db", "database is locked (retry 1/3) while inserting into candles"},
        {"WARNING", "db", "Slow query (412 ms): SELECT * FROM trades WHERE symbol = ? ORDER BY timestamp DESC"},
        {"INFO", "strategy", "Signal skipped for SOLUSDT: confidence 0.41 below threshold 0.55"},
        {"INFO", "strategy", "Indicator warm-up incomplete for BNBUSDT (34/50 bars)"},
        {"WARNING", "risk", "Daily loss limit 80% used (-412.50 of -500.00 USDT)"},
        {"INFO", "risk", "Position size for ETHUSDT capped at 2500 USDT"},
        {"CRITICAL", "engine", "Trading loop stalled for 45 s; watchdog restarted the cycle"},
    };
    return lines;
}

Error DemoEvents::writeSignals(QSqlDatabase db, const QVector<DemoSeries> &market, const DemoOptions &opts,
                               DemoRandom &rng, const QString &path)
{
    static const QString strategies[] = {QStringLiteral("ema_cross"), QStringLiteral("rsi_reversal"),
                                         QStringLiteral("breakout")};
    const qint64 startMs = opts.now.toMSecsSinceEpoch() - opts.days * kDayMs;
    const int slots = opts.days * 24 / DemoRules::kSignalHours;
    DemoInserter insert(db, QStringLiteral("demo_insert_signal"), path);
    for (int k = 0; k < slots; ++k) {
        const qint64 slotMs = startMs + k * DemoRules::kSignalHours * kHourMs;
        for (int i = 0; i < market.size(); ++i) {
            const qint64 at = slotMs + rng.below(90000);
            const double draw = rng.unit();
            const QString type = draw < 0.35   ? QStringLiteral("BUY")
                                 : draw < 0.65 ? QStringLiteral("SELL")
                                               : QStringLiteral("HOLD");
            const double confidence = std::round(rng.range(0.5, 0.95) * 1000.0) / 1000.0;
            insert.add({market[i].symbol, strategies[(k + i) % 3], type, confidence, market[i].priceAt(at),
                        DemoSql::isoUtc(at)});
        }
    }
    return insert.finish();
}

Error DemoEvents::writeErrorLogs(QSqlDatabase db, const DemoOptions &opts, DemoRandom &rng, const QString &path)
{
    const qint64 startMs = opts.now.toMSecsSinceEpoch() - opts.days * kDayMs;
    const int slots = opts.days * 24 / DemoRules::kErrorLogHours;
    const qint64 slotMs = DemoRules::kErrorLogHours * kHourMs;
    const QVector<LogLine> &lines = logLines();
    DemoInserter insert(db, QStringLiteral("demo_insert_error_log"), path);
    for (int k = 0; k < slots; ++k) {
        const LogLine &line = lines[rng.below(lines.size())];
        const qint64 at = startMs + k * slotMs + qint64(rng.unit() * double(slotMs));
        insert.add({QString::fromLatin1(line.level), QString::fromLatin1(line.source),
                    QString::fromLatin1(line.message), DemoSql::isoUtc(at)});
    }
    return insert.finish();
}

} // namespace dbops
