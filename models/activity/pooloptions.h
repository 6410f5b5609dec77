#pragma once
// What the operator configures for pool checks: per-application pool maxima (a profile setting such as
// trading_bot=100), the warn/critical thresholds, and when a session counts as a leak suspect.
#include "core/expected.h"

#include <QMap>
#include <QString>

namespace dbops {

struct PoolOptions {
    QMap<QString, int> poolMaxima; // application_name -> configured pool maximum
    double warnPct = 80;
    double criticalPct = 95;
    double idleInTransactionSeconds = 60; // idle in transaction longer than this: leak suspect
    double idleSeconds = 600;             // idle this long while its pool is at warn level or above: suspect
    // SQLite active probes, off unless the operator asks (per target): a write-lock probe (BEGIN IMMEDIATE,
    // rolled back) and, with `checkpoint`, a PASSIVE checkpoint. They WRITE to the store; monitoring without
    // them leaves the database, its -wal and -journal byte for byte as they were.
    bool activeProbes = false;
    bool checkpoint = true; // with activeProbes: also run the checkpoint

    // "trading_bot=100,bot_ai_v3=20" -> map; a Usage error naming the bad part otherwise.
    static Expected<QMap<QString, int>> parsePoolMaxima(const QString &text);
};

} // namespace dbops
