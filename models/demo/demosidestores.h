#pragma once
// The split data directory's smaller SQLite WAL stores (seed 002): the scanner's signals/signals.db and the
// dashboard's config/config.db.
#include "core/error.h"
#include "demo/demomarket.h"
#include "demo/demooptions.h"

namespace dbops {

class DemoRandom;

class DemoSideStores {
public:
    // signals table: one row per symbol per hour over kScannerSignalDays.
    static Error writeSignalsDb(const QString &path, const QVector<DemoSeries> &market, const DemoOptions &opts,
                                DemoRandom &rng);
    // settings: kSettings rows; watchlist: one row per symbol.
    static Error writeConfigDb(const QString &path, const DemoOptions &opts);
};

} // namespace dbops
