#include "demo/demosimulator.h"

#include "connection/connector.h"
#include "demo/demobotsession.h"
#include "demo/demowriterlock.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

#include <algorithm>

namespace dbops {

namespace {

constexpr qint64 kStopPollMs = 20; // longest sleep between looks at the stop flag

// Sleeps until `untilMs` on `clock`, waking early when `stop` is set.
void sleepUntil(const QElapsedTimer &clock, qint64 untilMs, const std::atomic_bool &stop)
{
    while (!stop.load()) {
        const qint64 left = untilMs - clock.elapsed();
        if (left <= 0)
            return;
        QThread::msleep(ulong(std::min(left, kStopPollMs)));
    }
}

} // namespace

int SimulatorStats::rowsWritten() const
{
    int n = 0;
    for (int v : inserted)
        n += v;
    for (int v : updated)
        n += v;
    return n;
}

Expected<QString> DemoSimulator::resolveTradingDb(const QString &dirOrFile)
{
    const QFileInfo info(dirOrFile);
    if (!info.exists())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no such file or directory: %1").arg(dirOrFile),
                           QStringLiteral("create a demo first: dbops demo DIR"));
    if (!info.isDir())
        return info.absoluteFilePath();
    const QDir dir(info.absoluteFilePath());
    for (const QString &candidate : {QStringLiteral("trading/trading.db"), QStringLiteral("trading.db")})
        if (QFileInfo(dir.filePath(candidate)).isFile())
            return dir.filePath(candidate);
    return Error::make(ErrorCode::NotFound,
                       QStringLiteral("%1 holds no trading/trading.db or trading.db").arg(dirOrFile),
                       QStringLiteral("point --db at a directory made by `dbops demo`, or at the .db file itself"));
}

QString DemoSimulator::lockPathFor(const QString &tradingDbPath)
{
    return QFileInfo(tradingDbPath).absoluteDir().filePath(QStringLiteral(".writer.lock"));
}

SimulatorStats DemoSimulator::run(const QString &tradingDbPath, const std::atomic_bool &stop,
                                  const SimulatorOptions &opts)
{
    SimulatorStats stats;
    QElapsedTimer clock;
    clock.start();
    // Checked before the lock is taken, so a wrong path leaves no lock file behind.
    if (Error e = Connector::checkSqliteFile(tradingDbPath)) {
        stats.error = e;
        return stats;
    }
    DemoWriterLock lock;
    if (Error e = lock.acquire(lockPathFor(tradingDbPath), &stats.staleLockPid)) {
        stats.error = e;
        return stats;
    }
    {
        DemoBotSession session(opts, stats);
        stats.error = session.open(tradingDbPath);
        qint64 nextStartMs = 0;
        while (!stats.error && !stop.load()) {
            if (opts.maxIterations > 0 && stats.iterations >= opts.maxIterations)
                break;
            if (opts.durationMs > 0 && clock.elapsed() >= opts.durationMs)
                break;
            stats.error = session.tick(QDateTime::currentMSecsSinceEpoch(), stats.iterations + 1);
            if (stats.error)
                break;
            ++stats.iterations;
            if (opts.maxIterations > 0 && stats.iterations >= opts.maxIterations)
                break;
            // Fixed rate, but a slow iteration delays the next one instead of causing a burst.
            nextStartMs = std::max(nextStartMs + opts.intervalMs, clock.elapsed());
            if (opts.durationMs > 0)
                nextStartMs = std::min<qint64>(nextStartMs, opts.durationMs);
            sleepUntil(clock, nextStartMs, stop);
        }
    }
    lock.release();
    stats.elapsedMs = clock.elapsed();
    return stats;
}

} // namespace dbops
