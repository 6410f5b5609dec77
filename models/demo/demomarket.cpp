#include "demo/demomarket.h"

#include "demo/demorandom.h"
#include "demo/demosql.h"

#include <algorithm>
#include <cmath>

namespace dbops {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kBarMs = DemoRules::kCandleMinutes * kMinuteMs;

struct SymbolProfile {
    double price;      // start price in USDT, about where the market stood at the end of 2025
    double volatility; // standard deviation of the 5-minute log return
    double volume;     // mean 5-minute volume in the base asset
};

SymbolProfile profileFor(const QString &symbol)
{
    if (symbol == QLatin1String("BTCUSDT"))
        return {87000.0, 0.0012, 45.0};
    if (symbol == QLatin1String("ETHUSDT"))
        return {2950.0, 0.0016, 900.0};
    if (symbol == QLatin1String("SOLUSDT"))
        return {125.0, 0.0022, 12000.0};
    if (symbol == QLatin1String("BNBUSDT"))
        return {850.0, 0.0014, 1500.0};
    return {50.0, 0.002, 20000.0};
}

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }
double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

DemoSeries walk(const QString &symbol, qint64 startMs, int bars, DemoRandom &rng)
{
    const SymbolProfile p = profileFor(symbol);
    DemoSeries series;
    series.symbol = symbol;
    series.bars.reserve(bars);
    double price = p.price;
    for (int i = 0; i < bars; ++i) {
        DemoBar bar;
        bar.openMs = startMs + i * kBarMs;
        const double z = rng.normal();
        bar.open = DemoMarket::roundPrice(price);
        bar.close = DemoMarket::roundPrice(price * std::exp(p.volatility * z));
        bar.high = DemoMarket::roundPrice(std::max(bar.open, bar.close) * (1.0 + p.volatility * 0.6 * rng.unit()));
        bar.low = DemoMarket::roundPrice(std::min(bar.open, bar.close) * (1.0 - p.volatility * 0.6 * rng.unit()));
        bar.volume = round3(p.volume * (0.4 + 1.2 * rng.unit()) * (1.0 + 0.5 * std::abs(z)));
        bar.trades = 150 + int(bar.volume / p.volume * 900.0);
        series.bars << bar;
        price = bar.close;
    }
    return series;
}

// Wilder's RSI(14), EMA(50) and MACD(12, 26) over the closes, one value per bar.
struct Indicators {
    QVector<double> rsi, ema50, macd;
};

Indicators indicators(const DemoSeries &series)
{
    Indicators out;
    const int n = series.bars.size();
    out.rsi.resize(n);
    out.ema50.resize(n);
    out.macd.resize(n);
    double ema12 = 0, ema26 = 0, ema50 = 0, gain = 0, loss = 0;
    for (int i = 0; i < n; ++i) {
        const double c = series.bars[i].close;
        if (i == 0) {
            ema12 = ema26 = ema50 = c;
        } else {
            ema12 += (c - ema12) * 2.0 / 13.0;
            ema26 += (c - ema26) * 2.0 / 27.0;
            ema50 += (c - ema50) * 2.0 / 51.0;
            const double change = c - series.bars[i - 1].close;
            gain = (gain * 13.0 + std::max(change, 0.0)) / 14.0;
            loss = (loss * 13.0 + std::max(-change, 0.0)) / 14.0;
        }
        out.rsi[i] = loss == 0.0 ? 50.0 : 100.0 - 100.0 / (1.0 + gain / loss);
        out.ema50[i] = ema50;
        out.macd[i] = ema12 - ema26;
    }
    return out;
}

} // namespace

double DemoMarket::roundPrice(double price)
{
    return price >= 10.0 ? std::round(price * 100.0) / 100.0 : round4(price);
}

double DemoSeries::priceAt(qint64 ms) const
{
    if (bars.isEmpty())
        return 0.0;
    const qint64 index = std::clamp<qint64>((ms - bars.first().openMs) / kBarMs, 0, bars.size() - 1);
    return bars[int(index)].close;
}

DemoBar DemoSeries::merge(qint64 fromMs, int count) const
{
    const int first = int((fromMs - bars.first().openMs) / kBarMs);
    DemoBar out = bars[first];
    out.volume = 0;
    out.trades = 0;
    for (int i = first; i < first + count; ++i) {
        out.high = std::max(out.high, bars[i].high);
        out.low = std::min(out.low, bars[i].low);
        out.close = bars[i].close;
        out.volume += bars[i].volume;
        out.trades += bars[i].trades;
    }
    out.volume = round3(out.volume);
    return out;
}

QVector<DemoSeries> DemoMarket::generate(const DemoOptions &opts, DemoRandom &rng)
{
    const qint64 startMs = opts.now.toMSecsSinceEpoch() - opts.days * kDayMs;
    const int bars = int(opts.days * kDayMs / kBarMs);
    QVector<DemoSeries> market;
    for (const QString &symbol : opts.symbols)
        market << walk(symbol, startMs, bars, rng);
    return market;
}

Error DemoMarket::writeCandles(QSqlDatabase db, const QVector<DemoSeries> &market, const QString &path)
{
    DemoInserter insert(db, QStringLiteral("demo_insert_candle"), path);
    const QString interval = QStringLiteral("%1m").arg(DemoRules::kCandleMinutes);
    for (const DemoSeries &s : market)
        for (const DemoBar &b : s.bars)
            insert.add({s.symbol, interval, b.openMs, b.open, b.high, b.low, b.close, b.volume, b.openMs + kBarMs - 1,
                        b.trades});
    return insert.finish();
}

Error DemoMarket::writeMarketData(QSqlDatabase db, const QVector<DemoSeries> &market, const DemoOptions &opts,
                                  const QString &path)
{
    // The story: a daily 00:05 job moves rows older than 7 days into the archive, and it last ran 3 days ago,
    // so market_data holds 10 days, 3 of them due. Archived rows keep their market_data ids (hence explicit ids).
    const qint64 nowMs = opts.now.toMSecsSinceEpoch();
    const qint64 startMs = nowMs - opts.days * kDayMs;
    const qint64 liveFromMs = nowMs - std::min(opts.marketDataDays, opts.days) * kDayMs;
    const qint64 stepMs = DemoRules::kMarketDataMinutes * kMinuteMs;
    const int barsPerRow = DemoRules::kMarketDataMinutes / DemoRules::kCandleMinutes;
    qint64 id = 0;
    {
        DemoInserter archive(db, QStringLiteral("demo_insert_archived_market_data"), path);
        for (qint64 t = startMs; t < liveFromMs; t += stepMs) {
            const qint64 dayStart = t - t % kDayMs;
            const QString archivedAt = DemoSql::isoUtc(dayStart + 8 * kDayMs + 5 * kMinuteMs);
            for (const DemoSeries &s : market) {
                const DemoBar b = s.merge(t, barsPerRow);
                archive.add({++id, s.symbol, DemoSql::isoUtc(t), b.open, b.high, b.low, b.close, b.volume, archivedAt});
            }
        }
        if (Error e = archive.finish())
            return e;
    }
    DemoInserter live(db, QStringLiteral("demo_insert_market_data"), path);
    for (qint64 t = liveFromMs; t < nowMs; t += stepMs)
        for (const DemoSeries &s : market) {
            const DemoBar b = s.merge(t, barsPerRow);
            live.add({++id, s.symbol, DemoSql::isoUtc(t), b.open, b.high, b.low, b.close, b.volume});
        }
    return live.finish();
}

Error DemoMarket::writeIndicationStates(QSqlDatabase db, const QVector<DemoSeries> &market, const DemoOptions &opts,
                                        const QString &path)
{
    QVector<Indicators> values;
    for (const DemoSeries &s : market)
        values << indicators(s);
    const qint64 nowMs = opts.now.toMSecsSinceEpoch();
    DemoInserter insert(db, QStringLiteral("demo_insert_indication_state"), path);
    for (int h = DemoRules::kIndicationHours; h >= 1; --h) {
        const qint64 at = nowMs - h * kHourMs;
        const QString atText = DemoSql::isoUtc(at);
        for (int k = 0; k < market.size(); ++k) {
            const DemoSeries &s = market[k];
            // The last bar closed at `at`.
            const int i = std::max(0, int((at - s.bars.first().openMs) / kBarMs) - 1);
            const double rsi = values[k].rsi[i], ema = values[k].ema50[i], macd = values[k].macd[i];
            const double close = s.bars[i].close;
            const QString rsiState = rsi > 70   ? QStringLiteral("overbought")
                                     : rsi < 30 ? QStringLiteral("oversold")
                                                : QStringLiteral("neutral");
            insert.add({s.symbol, QStringLiteral("rsi_14"), std::round(rsi * 100.0) / 100.0, rsiState, atText});
            insert.add({s.symbol, QStringLiteral("ema_50"), roundPrice(ema),
                        close >= ema ? QStringLiteral("bullish") : QStringLiteral("bearish"), atText});
            insert.add({s.symbol, QStringLiteral("macd"), round4(macd),
                        macd >= 0 ? QStringLiteral("bullish") : QStringLiteral("bearish"), atText});
        }
    }
    return insert.finish();
}

} // namespace dbops
