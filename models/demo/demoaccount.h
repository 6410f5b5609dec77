#pragma once
// The demo bot's account: orders, positions, trades and balance snapshots, priced from the demo market.
// Row counts follow DemoRules (round trips, cancelled orders, open positions, resting orders, snapshots).
#include "core/error.h"
#include "demo/demomarket.h"
#include "demo/demooptions.h"

#include <QSqlDatabase>

namespace dbops {

class DemoRandom;

class DemoAccount {
public:
    // Writes orders, positions and trades (in that order, for the foreign keys), then balances.
    static Error write(QSqlDatabase db, const QVector<DemoSeries> &market, const DemoOptions &opts, DemoRandom &rng,
                       const QString &path);
};

} // namespace dbops
