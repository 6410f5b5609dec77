#pragma once
// The demo's market: a seeded random walk of 5-minute bars per symbol, and the tables derived from it
// (candles, market_data + archived_market_data, indication_states). Trades and signals are priced from it.
#include "core/error.h"
#include "demo/demooptions.h"

#include <QSqlDatabase>
#include <QString>
#include <QVector>

namespace dbops {

class DemoRandom;

struct DemoBar {
    qint64 openMs = 0;
    double open = 0, high = 0, low = 0, close = 0, volume = 0;
    int trades = 0;
};

struct DemoSeries {
    QString symbol;
    QVector<DemoBar> bars; // kCandleMinutes apart, from `now - days` to `now`

    // The close of the last bar that opened at or before `ms` (the price a trade at `ms` would see).
    double priceAt(qint64 ms) const;
    // `count` consecutive bars from the one opening at `fromMs`, merged into one.
    DemoBar merge(qint64 fromMs, int count) const;
};

class DemoMarket {
public:
    static QVector<DemoSeries> generate(const DemoOptions &opts, DemoRandom &rng);

    static Error writeCandles(QSqlDatabase db, const QVector<DemoSeries> &market, const QString &path);
    static Error writeMarketData(QSqlDatabase db, const QVector<DemoSeries> &market, const DemoOptions &opts,
                                 const QString &path);
    static Error writeIndicationStates(QSqlDatabase db, const QVector<DemoSeries> &market, const DemoOptions &opts,
                                       const QString &path);
    // Price rounding used for every generated price: cents above 10, 1/10000 below.
    static double roundPrice(double price);
};

} // namespace dbops
