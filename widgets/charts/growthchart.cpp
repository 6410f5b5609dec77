#include "charts/growthchart.h"

#include "charts/chartframe.h"
#include "charts/chartticks.h"
#include "core/format.h"

#include <QVBoxLayout>
#include <algorithm>
#include <qcustomplot.h>

namespace dbops {

namespace {
constexpr double kMiB = 1024.0 * 1024.0;
}

GrowthChart::GrowthChart(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("healthGrowthPlot"));
    m_plot->setMinimumHeight(100);
    m_plot->yAxis->setLabel(tr("MiB (all tables)"));
    ChartTicks::time(m_plot->xAxis);
    ChartTicks::values(m_plot->yAxis, false);
    ChartFrame::install(m_plot, false);
    QCPGraph *g = m_plot->addGraph();
    g->setName(tr("all tables"));
    g->setPen(QPen(QColor(0x15, 0x65, 0xc0), 2));
    setSnapshots({});
}

void GrowthChart::setSnapshots(const QList<HealthSnapshot> &snapshots)
{
    QVector<double> x, y;
    for (const HealthSnapshot &s : snapshots) {
        x << double(s.at.toSecsSinceEpoch());
        y << s.totalBytes / kMiB;
    }
    QCPGraph *g = m_plot->graph(0);
    g->setData(x, y, true);
    // Points mark the scans along a line; one point alone would be a dot without meaning.
    g->setScatterStyle(x.size() > 1 ? QCPScatterStyle(QCPScatterStyle::ssCircle, 4) : QCPScatterStyle());
    // Without a line, the axes frame the present (or the one scan) rather than the epoch's start.
    const double at = x.isEmpty() ? double(QDateTime::currentSecsSinceEpoch()) : x.first();
    m_plot->xAxis->setRange(at - 1800, at + 1800);
    m_plot->yAxis->setRange(0, y.isEmpty() ? 1 : y.first() * 1.2 + 0.01);
    if (x.isEmpty()) {
        ChartFrame::setNote(m_plot, tr("No scans recorded yet"));
    } else if (x.size() == 1) {
        const HealthSnapshot &only = snapshots.first();
        ChartFrame::setNote(m_plot, tr("One scan so far\n%1 at %2\nthe growth line starts with the next scan")
                                        .arg(Format::bytes(only.totalBytes),
                                             only.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    } else {
        ChartFrame::setNote(m_plot, {});
        const auto [low, high] = std::minmax_element(y.cbegin(), y.cend());
        // Room around the sizes: a tenth of their spread, at least a hundredth of the size itself.
        const double pad = std::max({(*high - *low) * 0.1, *high * 0.01, 0.01});
        m_plot->yAxis->setRange(std::max(0.0, *low - pad), *high + pad);
        const double margin = std::max((x.last() - x.first()) * 0.03, 60.0);
        m_plot->xAxis->setRange(x.first() - margin, x.last() + margin);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString GrowthChart::note() const { return ChartFrame::note(m_plot); }

} // namespace dbops
