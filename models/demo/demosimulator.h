#pragma once
// `dbops demo --simulate`: a bot-like writer and reader on a demo (or any bot-shaped) trading.db, so the
// console's monitors, locks and cleanup have live traffic to show. Each iteration (every intervalMs):
//   - one market_data row per symbol at the current time (the live OHLCV feed),
//   - every tradeEvery-th iteration: a signal, a MARKET order inserted NEW and updated to FILLED, its trade,
//     and a mark-price update of the symbol's open positions,
//   - every errorEventh iteration: one error_logs row,
//   - a few dashboard reads (latest price, open positions, open orders, recent candles, recent errors).
// Each write is a short BEGIN IMMEDIATE transaction under a busy timeout; a write that still finds the
// store busy is skipped and counted, as a bot would retry on its next tick. While running it holds
// `.writer.lock` next to the file with its own PID (taking over a stale one) and removes it when it stops.
//
// No QObject: run() blocks the calling thread, opens its own connection there and closes it before
// returning. Stop it by setting the flag from any thread; it notices within ~20 ms, even mid-interval.
#include "core/error.h"
#include "core/expected.h"

#include <QMap>
#include <QString>

#include <atomic>

namespace dbops {

struct SimulatorOptions {
    int intervalMs = 200;  // pause between iteration starts; 0 runs back to back
    int durationMs = 0;    // stop after this long; 0: until stopped
    int maxIterations = 0; // stop after this many iterations; 0: until stopped
    int tradeEvery = 5;
    int errorEvery = 25;
    int busyTimeoutMs = 2000;
    quint32 seed = 7; // prices and sizes only; which iterations write what never depends on it
};

struct SimulatorStats {
    int iterations = 0;
    QMap<QString, int> inserted; // table -> rows inserted
    QMap<QString, int> updated;  // table -> rows updated
    int reads = 0;               // read queries run
    int busySkips = 0;           // writes skipped because the store stayed locked past the busy timeout
    qint64 staleLockPid = 0;     // the dead writer whose .writer.lock was taken over, 0 if none
    qint64 elapsedMs = 0;
    Error error; // what ended the run early; empty when it stopped as asked

    int rowsWritten() const;
};

class DemoSimulator {
public:
    // The trading.db a --db argument means: a file as given; for a directory, DIR/trading/trading.db, else
    // DIR/trading.db.
    static Expected<QString> resolveTradingDb(const QString &dirOrFile);
    // The lock file the simulator holds for `tradingDbPath`: `.writer.lock` in the same folder.
    static QString lockPathFor(const QString &tradingDbPath);

    SimulatorStats run(const QString &tradingDbPath, const std::atomic_bool &stop, const SimulatorOptions &opts = {});
};

} // namespace dbops
