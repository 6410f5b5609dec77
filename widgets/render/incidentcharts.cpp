#include "incidentcharts.h"

#include "activity/activityhistory.h"
#include "historyimage.h"
#include "schema/healthhistory.h"

namespace dbops {

namespace {

constexpr qint64 kWindowSeconds = 3600;
constexpr double kMiB = 1024.0 * 1024.0;
const QString kNoSamples = QStringLiteral("No samples in this hour: the console records this history while the "
                                          "target is open in it.");

template <typename Sample>
void addTimes(ChartData &c, const QList<Sample> &samples)
{
    for (const Sample &s : samples) {
        c.times << s.at;
        c.gapBefore << s.gapBefore;
    }
}

ChartSeries series(const QString &name, QColor color) { return {name, color, {}}; }

Expected<ChartData> activityChart(const IncidentContext &ctx)
{
    ChartData c;
    c.to = ctx.at;
    c.from = ctx.at.addSecs(-kWindowSeconds);
    c.emptyText = kNoSamples;
    const ActivityHistory history(ctx.target().toSpec(), ctx.stateFile);
    if (ctx.target().isPostgres()) {
        auto samples = history.load(c.from, c.to);
        if (!samples)
            return samples.error();
        c.title = QStringLiteral("Connections by state, last hour");
        c.yLabel = QStringLiteral("connections");
        addTimes(c, samples.value());
        QList<ChartSeries> s{series(QStringLiteral("active"), QColor(0x1f, 0x77, 0xb4)),
                             series(QStringLiteral("waiting"), QColor(0xd6, 0x27, 0x28)),
                             series(QStringLiteral("idle"), QColor(0x7f, 0x7f, 0x7f)),
                             series(QStringLiteral("idle in transaction"), QColor(0xff, 0x7f, 0x0e)),
                             series(QStringLiteral("available"), QColor(0x2c, 0xa0, 0x2c))};
        for (const ActivitySample &a : samples.value()) {
            s[0].values << a.counts.active;
            s[1].values << a.counts.waiting;
            s[2].values << a.counts.idle;
            s[3].values << a.counts.idleInTransaction + a.counts.idleInTransactionAborted;
            s[4].values << a.available;
        }
        c.series = s;
        return c;
    }
    auto samples = history.loadSqlite(c.from, c.to);
    if (!samples)
        return samples.error();
    c.title = QStringLiteral("WAL and locks, last hour");
    c.yLabel = QStringLiteral("MiB of WAL / count");
    addTimes(c, samples.value());
    QList<ChartSeries> s{series(QStringLiteral("WAL MiB"), QColor(0x1f, 0x77, 0xb4)),
                         series(QStringLiteral("processes holding"), QColor(0x7f, 0x7f, 0x7f)),
                         series(QStringLiteral("write locks held"), QColor(0xd6, 0x27, 0x28)),
                         series(QStringLiteral("checkpoints busy"), QColor(0xff, 0x7f, 0x0e))};
    for (const SqliteSample &a : samples.value()) {
        s[0].values << a.walBytes / kMiB;
        s[1].values << a.holders;
        s[2].values << a.writeLocksHeld;
        s[3].values << a.checkpointsBusy;
    }
    c.series = s;
    return c;
}

ChartData growthChart(const IncidentContext &ctx)
{
    ChartData c;
    c.title = QStringLiteral("Store size, health scans of the last hour");
    c.yLabel = QStringLiteral("MiB");
    c.to = ctx.at;
    c.from = ctx.at.addSecs(-kWindowSeconds);
    c.emptyText = QStringLiteral("No health scan recorded in this hour (the Health tab and `dbops health` record "
                                 "one per scan).");
    ChartSeries total = series(QStringLiteral("total MiB"), QColor(0x1f, 0x77, 0xb4));
    for (const HealthSnapshot &s : HealthHistory(HealthHistory::fileFor(ctx.target())).load())
        if (s.at >= c.from && s.at <= c.to) {
            c.times << s.at;
            total.values << s.totalBytes / kMiB;
        }
    c.series = {total};
    return c;
}

} // namespace

IncidentSection IncidentCharts::section()
{
    const auto write = [](IncidentContext &ctx, IncidentFiles &files) -> Expected<QString> {
        auto activity = activityChart(ctx);
        if (!activity)
            return activity.error();
        const ChartData growth = growthChart(ctx);
        if (const Error e =
                files.writeBinary(QStringLiteral("charts/activity-last-hour.png"), HistoryImage::png(activity.value())))
            return e;
        if (const Error e = files.writeBinary(QStringLiteral("charts/growth-last-hour.png"), HistoryImage::png(growth)))
            return e;
        return QStringLiteral("%1 activity sample(s), %2 health scan(s) in the last hour")
            .arg(activity->times.size())
            .arg(growth.times.size());
    };
    return {QStringLiteral("charts"), QStringLiteral("History charts (PNG)"), write};
}

} // namespace dbops
