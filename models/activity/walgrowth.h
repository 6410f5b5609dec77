#pragma once
// Checkpoint starvation seen over time (issue 15 §2): a WAL that grows in sample after sample, past the size at
// which SQLite's own checkpoints restart it, is one that no checkpoint can restart — a reader keeps an old
// snapshot (Litestream holds one on purpose, and a stalled Litestream or any other long reader starves the bot's
// checkpoints), or one write transaction never ends. The Activity tab and the status board's "wal" row say so.
#include "activity/activityhistory.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace dbops {

struct WalGrowth {
    int steps = 0;        // consecutive samples in which the WAL grew
    qint64 fromBytes = 0; // the WAL before the first of them
    qint64 toBytes = 0;   // the WAL at the newest sample
    QDateTime since;      // UTC: the sample the growth started from

    // One line: what is seen, who holds it, what to do.
    QString warning() const;
};

class WalGrowthWatch {
public:
    // Growth in this many samples in a row is a trend, not one burst of writes.
    static constexpr int GrowingSteps = 3;
    // SQLite checkpoints (and so restarts) the WAL at 1000 pages by default: about 4 MB with 4 KiB pages.
    static constexpr qint64 CheckpointedWalBytes = 4 * 1024 * 1024;

    // The growth the newest samples show, when the WAL grew in each of the last GrowingSteps of them (no gap in
    // between) while already past CheckpointedWalBytes.
    static std::optional<WalGrowth> assess(const QList<SqliteSample> &samples);

    // The live view: the newest samples of one target, as they come.
    void add(const SqliteSample &sample);
    void clear() { m_samples.clear(); }
    std::optional<WalGrowth> current() const { return assess(m_samples); }

private:
    QList<SqliteSample> m_samples;
};

} // namespace dbops
