#include "charts/historychart.h"

#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace dbops {

namespace {

double valueOf(const ActivitySample &s, int series)
{
    switch (series) {
    case HistoryChart::Active: return s.counts.active;
    case HistoryChart::Waiting: return s.counts.waiting;
    case HistoryChart::Idle: return s.counts.idle;
    case HistoryChart::IdleInTransaction: return s.counts.idleInTransaction;
    case HistoryChart::Aborted: return s.counts.idleInTransactionAborted;
    case HistoryChart::Available: return s.available;
    case HistoryChart::PoolMax: return s.poolMax > 0 ? double(s.poolMax) : std::numeric_limits<double>::quiet_NaN();
    }
    return 0;
}

const QColor kColors[] = {QColor(0x2e, 0x7d, 0x32), QColor(0xc6, 0x28, 0x28), QColor(0x15, 0x65, 0xc0),
                          QColor(0xef, 0x6c, 0x00), QColor(0x6a, 0x1b, 0x9a), QColor(0x61, 0x61, 0x61),
                          QColor(0x9e, 0x9d, 0x24)};

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

HistoryChart::HistoryChart(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("historyPlot"));
    m_plot->setMinimumHeight(180);
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
    ticker->setDateTimeSpec(Qt::LocalTime);
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setLabel(tr("connections"));
    for (int i = 0; i < SeriesCount; ++i) {
        QCPGraph *g = m_plot->addGraph();
        g->setName(seriesName(Series(i)));
        QPen pen(kColors[i], i >= Available ? 1.5 : 2);
        if (i >= Available)
            pen.setStyle(Qt::DashLine);
        g->setPen(pen);
        g->setAdaptiveSampling(true);
    }
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(font());
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    connect(m_plot, &QCustomPlot::mouseMove, this, &HistoryChart::onMouseMove);
    // Once the operator drags or zooms, stop following the newest sample until the view is reset by data.
    connect(m_plot, &QCustomPlot::mousePress, this, [this] { m_followLatest = false; });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_followLatest = false; });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        m_followLatest = true;
        rebuild();
    });
}

void HistoryChart::setSamples(const QList<ActivitySample> &samples)
{
    m_samples = samples;
    m_followLatest = true;
    rebuild();
}

void HistoryChart::appendSample(const ActivitySample &sample)
{
    ActivitySample s = sample;
    if (!m_samples.isEmpty()) {
        QList<ActivitySample> pair{m_samples.last(), s};
        ActivityHistory::markGaps(pair);
        s.gapBefore = pair.last().gapBefore;
    }
    m_samples << s;
    while (m_samples.size() > m_maxPoints)
        m_samples.removeFirst();
    rebuild();
}

void HistoryChart::rebuild()
{
    for (int i = 0; i < SeriesCount; ++i) {
        QVector<double> keys, values;
        keys.reserve(m_samples.size() * 2);
        values.reserve(m_samples.size() * 2);
        for (const ActivitySample &s : m_samples) {
            const double key = s.at.toMSecsSinceEpoch() / 1000.0;
            if (s.gapBefore && !keys.isEmpty()) {
                keys << (keys.last() + key) / 2; // a NaN breaks the line: the time the console was closed
                values << std::numeric_limits<double>::quiet_NaN();
            }
            keys << key;
            values << valueOf(s, i);
        }
        m_plot->graph(i)->setData(keys, values, true);
    }
    if (m_followLatest && !m_samples.isEmpty()) {
        const double first = m_samples.first().at.toMSecsSinceEpoch() / 1000.0;
        const double last = m_samples.last().at.toMSecsSinceEpoch() / 1000.0;
        m_plot->xAxis->setRange(first, std::max(last, first + 10));
        double top = 1;
        for (const ActivitySample &s : m_samples)
            for (int i = 0; i < SeriesCount; ++i)
                if (!std::isnan(valueOf(s, i)))
                    top = std::max(top, valueOf(s, i));
        m_plot->yAxis->setRange(0, top * 1.1);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString HistoryChart::valuesAt(double key) const
{
    if (m_samples.isEmpty())
        return {};
    const ActivitySample *best = &m_samples.first();
    for (const ActivitySample &s : m_samples)
        if (std::abs(s.at.toMSecsSinceEpoch() / 1000.0 - key) < std::abs(best->at.toMSecsSinceEpoch() / 1000.0 - key))
            best = &s;
    QStringList parts;
    for (int i = 0; i < SeriesCount; ++i) {
        const double v = valueOf(*best, i);
        if (!std::isnan(v))
            parts << QStringLiteral("%1 %2").arg(seriesName(Series(i))).arg(v);
    }
    return best->at.toLocalTime().toString(QStringLiteral("HH:mm:ss")) + QStringLiteral(" — ") +
           parts.join(QStringLiteral(", "));
}

void HistoryChart::onMouseMove(QMouseEvent *event)
{
    if (m_samples.isEmpty() || !m_plot->axisRect()->rect().contains(event->pos())) {
        QToolTip::hideText();
        return;
    }
    const double key = m_plot->xAxis->pixelToCoord(event->pos().x());
    QToolTip::showText(event->globalPosition().toPoint(), valuesAt(key), m_plot);
}

bool HistoryChart::exportPng(const QString &path, int width, int height)
{
    return m_plot->savePng(path, width, height);
}

} // namespace dbops
