#include "demo/demosidestores.h"

#include "demo/demorandom.h"
#include "demo/demosql.h"

#include <cmath>

namespace dbops {

namespace {

constexpr qint64 kHourMs = 60 * 60 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;

} // namespace

Error DemoSideStores::writeSignalsDb(const QString &path, const QVector<DemoSeries> &market, const DemoOptions &opts,
                                     DemoRandom &rng)
{
    static const QString strategies[] = {QStringLiteral("momentum_scan"), QStringLiteral("volume_spike"),
                                         QStringLiteral("mean_reversion")};
    DemoDatabase store(path);
    if (store.error())
        return store.error();
    const Expected<QString> schema = DemoSql::resource(QStringLiteral("demo_signals_schema"));
    if (!schema)
        return schema.error();
    if (Error e = DemoSql::execScript(store.db(), schema.value(), path))
        return e;
    const qint64 nowMs = opts.now.toMSecsSinceEpoch();
    const int hours = std::min(DemoRules::kScannerSignalDays, opts.days) * 24;
    DemoInserter insert(store.db(), QStringLiteral("demo_insert_scanner_signal"), path);
    for (int h = hours; h >= 1; --h) {
        const qint64 at = nowMs - h * kHourMs + 2000; // the scan runs 2 s after the hour
        for (int i = 0; i < market.size(); ++i) {
            const double score = rng.unit();
            const QString direction = score > 0.66   ? QStringLiteral("LONG")
                                      : score < 0.33 ? QStringLiteral("SHORT")
                                                     : QStringLiteral("FLAT");
            insert.add({market[i].symbol, QStringLiteral("1h"), strategies[(h + i) % 3], direction,
                        std::round(score * 1000.0) / 1000.0, market[i].priceAt(at), DemoSql::isoUtc(at)});
        }
    }
    return insert.finish();
}

Error DemoSideStores::writeConfigDb(const QString &path, const DemoOptions &opts)
{
    static const std::pair<const char *, const char *> settings[DemoRules::kSettings] = {
        {"exchange", "binance"},
        {"trading.mode", "paper"},
        {"trading.interval", "5m"},
        {"risk.max_position_usdt", "2500"},
        {"risk.daily_loss_limit_usdt", "500"},
        {"risk.max_open_positions", "3"},
        {"retention.market_data_days", "7"},
        {"retention.indication_states_hours", "48"},
    };
    DemoDatabase store(path);
    if (store.error())
        return store.error();
    const Expected<QString> schema = DemoSql::resource(QStringLiteral("demo_config_schema"));
    if (!schema)
        return schema.error();
    if (Error e = DemoSql::execScript(store.db(), schema.value(), path))
        return e;
    const qint64 setupMs = opts.now.toMSecsSinceEpoch() - opts.days * kDayMs - 2 * kDayMs;
    {
        DemoInserter insert(store.db(), QStringLiteral("demo_insert_setting"), path);
        for (const auto &[key, value] : settings)
            insert.add({QString::fromLatin1(key), QString::fromLatin1(value), DemoSql::isoUtc(setupMs)});
        if (Error e = insert.finish())
            return e;
    }
    DemoInserter insert(store.db(), QStringLiteral("demo_insert_watchlist"), path);
    for (int i = 0; i < opts.symbols.size(); ++i)
        insert.add({opts.symbols[i], DemoSql::isoUtc(setupMs + i * 60000),
                    i == 0 ? QVariant(QStringLiteral("core holding")) : QVariant()});
    return insert.finish();
}

} // namespace dbops
