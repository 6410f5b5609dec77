#include "activity/walgrowth.h"

#include "core/format.h"

namespace dbops {

namespace {
constexpr int kKeptSamples = 32; // enough for the longest run worth telling
} // namespace

QString WalGrowth::warning() const
{
    return QStringLiteral("checkpoint starvation: the WAL grew in each of the last %1 samples (%2 to %3 since %4) "
                          "and no checkpoint restarts it. A long reader holds an old snapshot — Litestream (dbops "
                          "protect) falling behind its replica, or another process keeping a read transaction "
                          "open — or one write transaction never ends. Find it among the processes holding the "
                          "files and end that transaction (restart dbops protect if it is Litestream); the WAL "
                          "stops growing at the next checkpoint, and PRAGMA wal_checkpoint(TRUNCATE) shrinks it")
        .arg(steps)
        .arg(Format::bytes(fromBytes), Format::bytes(toBytes),
             since.toUTC().toString(QStringLiteral("HH:mm:ss 'UTC'")));
}

std::optional<WalGrowth> WalGrowthWatch::assess(const QList<SqliteSample> &samples)
{
    int steps = 0;
    for (int i = int(samples.size()) - 1; i > 0; --i) {
        // A healthy WAL passes the checkpoint size once (the commit that checkpoints it) and then restarts;
        // growing while already past it means no checkpoint could restart it.
        const qint64 before = samples[i - 1].walBytes;
        if (samples[i].gapBefore || before <= CheckpointedWalBytes || samples[i].walBytes <= before)
            break;
        ++steps;
    }
    if (steps < GrowingSteps)
        return std::nullopt;
    const SqliteSample &first = samples[samples.size() - 1 - steps];
    return WalGrowth{steps, first.walBytes, samples.last().walBytes, first.at};
}

void WalGrowthWatch::add(const SqliteSample &sample)
{
    m_samples << sample;
    while (m_samples.size() > kKeptSamples)
        m_samples.removeFirst();
}

} // namespace dbops
