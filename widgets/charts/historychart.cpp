#include "charts/historychart.h"

#include "charts/chartframe.h"
#include "charts/chartticks.h"

#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace dbops {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QVector<double> valuesOf(const ActivitySample &s)
{
    return {double(s.counts.active),
            double(s.counts.waiting),
            double(s.counts.idle),
            double(s.counts.idleInTransaction),
            double(s.counts.idleInTransactionAborted),
            double(s.available),
            s.poolMax > 0 ? double(s.poolMax) : kNaN};
}

QVector<double> valuesOf(const SqliteSample &s)
{
    return {s.walBytes / 1048576.0, double(s.holders), double(s.writeLocksHeld), s.lockProbeMs,
            double(s.checkpointsBusy)};
}

const QColor kColors[] = {QColor(0x2e, 0x7d, 0x32), QColor(0xc6, 0x28, 0x28), QColor(0x15, 0x65, 0xc0),
                          QColor(0xef, 0x6c, 0x00), QColor(0x6a, 0x1b, 0x9a), QColor(0x61, 0x61, 0x61),
                          QColor(0x9e, 0x9d, 0x24)};
const QColor kSqliteColors[] = {QColor(0x15, 0x65, 0xc0), QColor(0x2e, 0x7d, 0x32), QColor(0xc6, 0x28, 0x28),
                                QColor(0xef, 0x6c, 0x00), QColor(0x6a, 0x1b, 0x9a)};

// Appends `sample` to `list` with its gap mark, keeping at most `max` samples.
template <typename Sample>
void appendTo(QList<Sample> &list, const Sample &sample, int max)
{
    Sample s = sample;
    if (!list.isEmpty()) {
        QList<Sample> pair{list.last(), s};
        ActivityHistory::markGaps(pair);
        s.gapBefore = pair.last().gapBefore;
    }
    list << s;
    while (list.size() > max)
        list.removeFirst();
}

} // namespace

QString HistoryChart::seriesName(Series series)
{
    static const char *const names[] = {"active",
                                        "waiting on a lock",
                                        "idle",
                                        "idle in transaction",
                                        "idle in transaction (aborted)",
                                        "available connections",
                                        "pool maxima"};
    return tr(names[series]);
}

QString HistoryChart::seriesName(SqliteSeries series)
{
    static const char *const names[] = {"WAL size (MiB)", "processes holding the files", "write locks held",
                                        "write-lock probe (ms)", "checkpoints that could not finish"};
    return tr(names[series]);
}

QString HistoryChart::seriesLabel(int series) const
{
    return m_sqlite ? seriesName(SqliteSeries(series)) : seriesName(Series(series));
}

HistoryChart::HistoryChart(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("historyPlot"));
    // An explicit minimum: QCustomPlot's own hint is the legend's width in one row, which would widen the window.
    m_plot->setMinimumSize(240, 180);
    ChartTicks::time(m_plot->xAxis);
    m_leftTicker = ChartTicks::values(m_plot->yAxis, true);
    m_rightTicker = ChartTicks::values(m_plot->yAxis2, true);
    ChartFrame::install(m_plot, true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    setKind(false);
    connect(m_plot, &QCustomPlot::mouseMove, this, &HistoryChart::onMouseMove);
    // Once the operator drags or zooms, stop following the newest sample until the view is reset by data.
    connect(m_plot, &QCustomPlot::mousePress, this, [this] { m_followLatest = false; });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_followLatest = false; });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        m_followLatest = true;
        rebuild();
    });
}

void HistoryChart::setKind(bool sqlite)
{
    if (m_plot->graphCount() > 0 && sqlite == m_sqlite)
        return;
    m_sqlite = sqlite;
    m_plot->clearGraphs();
    const int count = sqlite ? int(SqliteSeriesCount) : int(SeriesCount);
    for (int i = 0; i < count; ++i) {
        const bool right = sqlite && i != WalMiB;
        QCPGraph *g = m_plot->addGraph(m_plot->xAxis, right ? m_plot->yAxis2 : m_plot->yAxis);
        g->setName(seriesLabel(i));
        const bool limit = !sqlite && i >= Available;
        QPen pen(sqlite ? kSqliteColors[i] : kColors[i], limit ? 1.5 : 2);
        if (limit)
            pen.setStyle(Qt::DashLine);
        g->setPen(pen);
        if (sqlite && (i == WriteLocksHeld || i == CheckpointsBusy))
            g->setLineStyle(QCPGraph::lsStepLeft);
        g->setAdaptiveSampling(true);
    }
    m_plot->yAxis->setLabel(sqlite ? tr("WAL (MiB)") : tr("connections"));
    m_plot->yAxis2->setVisible(sqlite);
    m_plot->yAxis2->setLabel(sqlite ? tr("count · ms") : QString());
    ChartFrame::wrapLegend(m_plot);
}

void HistoryChart::setSamples(const QList<ActivitySample> &samples)
{
    setKind(false);
    m_samples = samples;
    m_followLatest = true;
    rebuild();
}

void HistoryChart::appendSample(const ActivitySample &sample)
{
    setKind(false);
    appendTo(m_samples, sample, m_maxPoints);
    rebuild();
}

void HistoryChart::setSqliteSamples(const QList<SqliteSample> &samples)
{
    setKind(true);
    m_sqliteSamples = samples;
    m_followLatest = true;
    rebuild();
}

void HistoryChart::appendSqliteSample(const SqliteSample &sample)
{
    setKind(true);
    appendTo(m_sqliteSamples, sample, m_maxPoints);
    rebuild();
}

namespace {

// What one y axis needs to show its series: the largest value of the lines drawn on it, the largest of its
// limit lines, and whether every value is a whole number (then its ticks are too).
struct AxisSpan {
    double dataTop = 0;
    bool integers = true;
    void add(double v)
    {
        dataTop = std::max(dataTop, v);
        integers = integers && v == std::floor(v);
    }
    QCPRange range(double top) const
    {
        if (top <= 0)
            return {0, integers ? 4.0 : 1.0};
        return {0, integers ? std::max(top + 1, std::ceil(top * 1.15)) : top * 1.15};
    }
};

} // namespace

bool HistoryChart::isLimit(int series) const { return !m_sqlite && series >= Available; }

void HistoryChart::rebuild()
{
    m_rows.clear();
    auto add = [this](const auto &s) { m_rows << Row{s.at.toMSecsSinceEpoch() / 1000.0, s.gapBefore, valuesOf(s)}; };
    if (m_sqlite)
        std::for_each(m_sqliteSamples.cbegin(), m_sqliteSamples.cend(), add);
    else
        std::for_each(m_samples.cbegin(), m_samples.cend(), add);
    AxisSpan left, right;
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        AxisSpan &span = m_sqlite && i != WalMiB ? right : left;
        QVector<double> keys, values;
        keys.reserve(m_rows.size() * 2);
        values.reserve(m_rows.size() * 2);
        for (const Row &r : m_rows) {
            if (r.gapBefore && !keys.isEmpty()) {
                keys << (keys.last() + r.key) / 2; // a NaN breaks the line: the time the console was closed
                values << kNaN;
            }
            keys << r.key;
            values << r.values.value(i, kNaN);
            if (!std::isnan(values.last()) && !isLimit(i))
                span.add(values.last());
        }
        m_plot->graph(i)->setData(keys, values, true);
    }
    m_plot->yAxis->setRange(left.range(placeLimits(left.dataTop)));
    m_leftTicker->setIntegers(left.integers);
    m_rightTicker->setIntegers(right.integers);
    m_plot->yAxis2->setRange(right.range(right.dataTop));
    if (m_followLatest && !m_rows.isEmpty()) {
        const double first = m_rows.first().key;
        m_plot->xAxis->setRange(first, std::max(m_rows.last().key, first + 10));
    }
    ChartFrame::setNote(m_plot, m_rows.isEmpty()     ? tr("No samples yet")
                                : m_rows.size() == 1 ? tr("One sample so far — the lines start with the next")
                                                     : QString());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// The limit lines (available connections, pool maxima) are drawn when they sit near the data, and the axis
// reaches up to them. A limit far above (max_connections 100 over 4 connections) would flatten every line:
// the axis follows the data and the legend gives that limit's value. Returns the top the axis must show.
double HistoryChart::placeLimits(double dataTop)
{
    double top = dataTop;
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        if (!isLimit(i))
            continue;
        QCPGraph *g = m_plot->graph(i);
        const double latest = m_rows.isEmpty() ? kNaN : m_rows.last().values.value(i, kNaN);
        const bool shown = !std::isnan(latest) && latest <= std::max(dataTop * 2, 4.0);
        if (shown)
            top = std::max(top, latest);
        g->setVisible(shown);
        if (std::isnan(latest))
            g->removeFromLegend();
        else
            g->addToLegend();
        g->setName(shown ? seriesLabel(i) : tr("%1 %2 (above the scale)").arg(seriesLabel(i)).arg(latest));
    }
    return top;
}

QString HistoryChart::valuesAt(double key) const
{
    if (m_rows.isEmpty())
        return {};
    const Row *best = &m_rows.first();
    for (const Row &r : m_rows)
        if (std::abs(r.key - key) < std::abs(best->key - key))
            best = &r;
    QStringList parts;
    for (int i = 0; i < best->values.size(); ++i)
        if (!std::isnan(best->values[i]))
            parts << QStringLiteral("%1 %2").arg(seriesLabel(i)).arg(best->values[i], 0, 'g', 4);
    return QDateTime::fromMSecsSinceEpoch(qint64(best->key * 1000)).toLocalTime().toString(QStringLiteral("HH:mm:ss")) +
           QStringLiteral(" — ") + parts.join(QStringLiteral(", "));
}

void HistoryChart::onMouseMove(QMouseEvent *event)
{
    if (m_rows.isEmpty() || !m_plot->axisRect()->rect().contains(event->pos())) {
        QToolTip::hideText();
        return;
    }
    const double key = m_plot->xAxis->pixelToCoord(event->pos().x());
    QToolTip::showText(event->globalPosition().toPoint(), valuesAt(key), m_plot);
}

QString HistoryChart::note() const { return ChartFrame::note(m_plot); }

bool HistoryChart::exportPng(const QString &path, int width, int height)
{
    return m_plot->savePng(path, width, height);
}

} // namespace dbops
