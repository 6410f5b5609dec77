#pragma once
// One simulated bot's connection to its trading.db and what it does in one iteration (see demosimulator.h).
// Lives entirely in the thread that calls DemoSimulator::run().
#include "core/error.h"
#include "demo/demorandom.h"
#include "demo/demosimulator.h"

#include <QSqlDatabase>
#include <QStringList>
#include <QVector>

#include <functional>

namespace dbops {

class DemoBotSession {
public:
    DemoBotSession(const SimulatorOptions &opts, SimulatorStats &stats);
    ~DemoBotSession();
    DemoBotSession(const DemoBotSession &) = delete;
    DemoBotSession &operator=(const DemoBotSession &) = delete;

    // Opens the store read-write (never creating it) and learns its symbols and last prices.
    Error open(const QString &path);
    // Iteration `iteration` (1-based) at wall-clock time `nowMs`.
    Error tick(qint64 nowMs, int iteration);

private:
    struct Counts {
        QMap<QString, int> inserted, updated;
    };
    // Runs `work` in BEGIN IMMEDIATE .. COMMIT and adds its counts to the stats once committed. A store that
    // stays busy past the busy timeout skips the write (counted) rather than failing the run.
    Error write(const std::function<Error(Counts &)> &work);
    Error writeMarketData(qint64 nowMs, Counts &counts);
    Error writeTrade(qint64 nowMs, int iteration, Counts &counts);
    Error writeErrorLog(qint64 nowMs, Counts &counts);
    Error readDashboard(qint64 nowMs, int iteration);
    Error checkTables();

    const SimulatorOptions &m_opts;
    SimulatorStats &m_stats;
    DemoRandom m_rng;
    QString m_name;
    QString m_path;
    QStringList m_symbols;
    QVector<double> m_prices;
};

} // namespace dbops
