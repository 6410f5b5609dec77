#pragma once
#include <functional>
// Pool samples persisted in the console's state store (Paths::stateDatabase()), per target, with bounded
// retention, so that history survives restarts. A sample taken after a pause longer than three sampling
// intervals (the console was closed, or the server unreachable) starts a new run: charts draw a gap there.
// PostgreSQL targets record connections by state (ActivitySample); SQLite targets their lock / WAL / process
// view (SqliteSample).
#include "activity/pgpool.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <algorithm>

class QSqlQuery;

namespace dbops {

struct ActivitySample {
    QDateTime at;       // UTC
    StateCounts counts; // the bots' connections
    int console = 0;
    int available = 0; // max_connections minus reserved
    int poolMax = 0;   // sum of the configured pool maxima (0: none)
    int intervalMs = 0;
    bool gapBefore = false; // filled by load(): too long since the previous sample

    static ActivitySample fromPool(const PgPool &pool, int intervalMs);
};

struct PoolSnapshot;

// One SQLite target (a file, or every store of a data directory) at one moment.
struct SqliteSample {
    QDateTime at;            // UTC
    qint64 walBytes = 0;     // summed over the stores
    int writeLocksHeld = 0;  // stores whose write lock another connection held at the probe
    double lockProbeMs = 0;  // the slowest BEGIN IMMEDIATE probe (open, try, roll back)
    int holders = 0;         // processes other than the console holding a database, -wal or -shm file
    int checkpointsBusy = 0; // stores whose PASSIVE checkpoint could not finish
    int intervalMs = 0;
    bool gapBefore = false;

    static SqliteSample fromPool(const PoolSnapshot &pool, int intervalMs);
};

class ActivityHistory {
public:
    static constexpr qint64 DefaultRetentionSeconds = 7 * 24 * 3600;

    explicit ActivityHistory(const QString &targetKey, const QString &stateFile = {});
    void setRetentionSeconds(qint64 seconds) { m_retentionSeconds = seconds; }
    // Appends and drops what is older than the retention.
    Error append(const ActivitySample &sample) const;
    // Samples in [from, to], oldest first, gapBefore set.
    Expected<QList<ActivitySample>> load(const QDateTime &from, const QDateTime &to) const;
    // The same for a SQLite target's samples.
    Error appendSqlite(const SqliteSample &sample) const;
    Expected<QList<SqliteSample>> loadSqlite(const QDateTime &from, const QDateTime &to) const;

    // Sets gapBefore where more than three sampling intervals (at least 1 s each) passed since the previous.
    template <typename Sample>
    static void markGaps(QList<Sample> &samples)
    {
        for (int i = 1; i < samples.size(); ++i) {
            const qint64 interval = std::max(samples[i].intervalMs, samples[i - 1].intervalMs);
            samples[i].gapBefore = samples[i - 1].at.msecsTo(samples[i].at) > 3 * std::max<qint64>(interval, 1000);
        }
    }

private:
    Error prune(QSqlDatabase &db, const QString &table, const QDateTime &newest) const;
    // Runs `sql` (binds: target, from ms, to ms) on the state file and hands each row to `row`.
    Error readRange(const QString &sql, const QString &what, const QDateTime &from, const QDateTime &to,
                    const std::function<void(const QSqlQuery &)> &row) const;

    QString m_targetKey;
    QString m_stateFile;
    qint64 m_retentionSeconds = DefaultRetentionSeconds;
};

} // namespace dbops
