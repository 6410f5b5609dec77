#pragma once
// Pool samples persisted in the console's state store (Paths::stateDatabase()), per target, with bounded
// retention, so that history survives restarts. A sample taken after a pause longer than three sampling
// intervals (the console was closed, or the server unreachable) starts a new run: charts draw a gap there.
#include "activity/pgpool.h"

#include <QDateTime>
#include <QList>

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

class ActivityHistory {
public:
    static constexpr qint64 DefaultRetentionSeconds = 7 * 24 * 3600;

    explicit ActivityHistory(const QString &targetKey, const QString &stateFile = {});
    void setRetentionSeconds(qint64 seconds) { m_retentionSeconds = seconds; }
    // Appends and drops what is older than the retention.
    Error append(const ActivitySample &sample) const;
    // Samples in [from, to], oldest first, gapBefore set.
    Expected<QList<ActivitySample>> load(const QDateTime &from, const QDateTime &to) const;
    static void markGaps(QList<ActivitySample> &samples);

private:
    QString m_targetKey;
    QString m_stateFile;
    qint64 m_retentionSeconds = DefaultRetentionSeconds;
};

} // namespace dbops
