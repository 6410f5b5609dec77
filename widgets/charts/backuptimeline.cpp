#include "charts/backuptimeline.h"

#include "charts/chartframe.h"
#include "charts/chartticks.h"
#include "core/format.h"

#include <QFileInfo>
#include <QTimeZone>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace dbops {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kBotRow = 1;
constexpr double kDbopsRow = 2;
constexpr double kBottom = 0.4; // the rows' extent on the value axis; the band and the line span it
constexpr double kTop = 2.6;
constexpr int kHitPx = 9;       // how near a click must be to a point to pick it
constexpr int kMinBandPx = 8;   // a band narrower than this is drawn (and clickable) this wide
constexpr int kClickSlopPx = 4; // a press and release further apart is a drag, not a click

// verified, unverified, failed, proven (verified and its last restore drill passed: a darker green diamond)
const QColor kStateColors[] = {QColor(0x2e, 0x7d, 0x32), QColor(0xef, 0x6c, 0x00), QColor(0xc6, 0x28, 0x28),
                               QColor(0x1b, 0x5e, 0x20)};
constexpr int kProven = 3;
const QColor kBandColor(0x15, 0x65, 0xc0);

double keyOf(const QDateTime &t) { return t.toMSecsSinceEpoch() / 1000.0; }

QDateTime timeOf(double key)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(std::floor(key)) * 1000, QTimeZone::utc());
}

int stateIndex(const CatalogEntry &e)
{
    if (e.proven())
        return kProven;
    switch (e.state) {
    case Verification::State::Verified: return 0;
    case Verification::State::Unverified: return 1;
    case Verification::State::Failed: break;
    }
    return 2;
}

QString localTime(const QDateTime &t) { return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")); }

} // namespace

BackupTimeline::BackupTimeline(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this)), m_top(kTop)
{
    setObjectName(QStringLiteral("backupTimeline"));
    m_plot->setObjectName(QStringLiteral("backupTimelinePlot"));
    m_plot->setMinimumSize(240, 60); // small: on a small screen the window must still fit (it grows with the tab)
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);

    m_band = m_plot->addGraph();
    m_band->setName(tr("replica: restorable window (click a moment)"));
    m_band->setPen(QPen(kBandColor, 1));
    QColor fill = kBandColor;
    fill.setAlpha(50);
    m_band->setBrush(fill); // filled down to the value axis's zero, below the plot: the full height
    static const char *const states[] = {QT_TR_NOOP("verified"), QT_TR_NOOP("unverified"), QT_TR_NOOP("failed"),
                                         QT_TR_NOOP("proven by a restore drill")};
    for (int i = 0; i < 4; ++i) {
        QCPGraph *g = m_plot->addGraph();
        g->setName(tr(states[i]));
        g->setLineStyle(QCPGraph::lsNone);
        const auto shape = i == kProven ? QCPScatterStyle::ssDiamond : QCPScatterStyle::ssDisc;
        g->setScatterStyle(QCPScatterStyle(shape, kStateColors[i], kStateColors[i], i == kProven ? 12 : 10));
        m_stateGraphs << g;
    }
    addPitrGraphs();
    m_lastWriteLine = m_plot->addGraph();
    m_lastWriteLine->setName(tr("live store's newest write"));
    m_lastWriteLine->setPen(QPen(QColor(0x42, 0x42, 0x42), 1.5, Qt::DashLine));

    ChartTicks::time(m_plot->xAxis);
    auto rows = QSharedPointer<QCPAxisTickerText>::create();
    rows->addTick(kBotRow, tr("bot's own"));
    rows->addTick(kDbopsRow, tr("dbops"));
    m_plot->yAxis->setTicker(rows);
    m_plot->yAxis->setRange(kBottom, m_top);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setSubTicks(false);
    ChartFrame::install(m_plot, true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent *e) { m_pressedAt = e->pos(); });
    connect(m_plot, &QCustomPlot::mouseRelease, this, &BackupTimeline::onRelease);
    connect(m_plot, &QCustomPlot::mouseMove, this, &BackupTimeline::onMouseMove);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        fitRange();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    rebuild();
}

void BackupTimeline::setBackups(const QList<CatalogEntry> &entries)
{
    m_points.clear();
    for (QCPGraph *g : m_stateGraphs)
        g->data()->clear();
    for (const CatalogEntry &e : entries) {
        if (!e.manifest.createdAt.isValid())
            continue;
        const Point p{keyOf(e.manifest.createdAt), e.isBot() ? kBotRow : kDbopsRow, e.path,
                      tr("%1\n%2 backup, %3, taken %4 — click for the restore preview")
                          .arg(QFileInfo(e.path).fileName(), e.isBot() ? tr("the bot's") : tr("dbops"), e.stateName(),
                               localTime(e.manifest.createdAt))};
        m_points << p;
        m_stateGraphs[stateIndex(e)]->addData(p.key, p.row);
    }
    rebuild();
}

void BackupTimeline::setReplica(const ReplicaReading &reading)
{
    m_bands.clear();
    m_replicaPath = reading.hasWindow ? reading.window.replicaPath : QString();
    if (reading.hasWindow)
        for (const ReplicaGeneration &g : reading.window.generations)
            m_bands << Band{keyOf(g.start), keyOf(g.end) + 0.999}; // the window's ends are whole seconds
    m_lastWrite = reading.lastWrite;
    rebuild();
}

void BackupTimeline::rebuild()
{
    QVector<double> keys, values;
    for (const Band &b : m_bands) {
        if (!keys.isEmpty()) {
            keys << b.from;
            values << kNaN; // a gap between generations
        }
        keys << b.from << b.to;
        values << m_top << m_top;
    }
    m_band->setData(keys, values, true);
    m_band->setVisible(!m_bands.isEmpty());
    m_pitrBand->setData({m_pitrWindow.from, m_pitrWindow.to}, {m_top, m_top}, true);
    m_pitrBand->setVisible(hasPitrWindow());
    if (m_lastWrite.isValid())
        m_lastWriteLine->setData({keyOf(m_lastWrite), keyOf(m_lastWrite)}, {kBottom, m_top}, true);
    else
        m_lastWriteLine->data()->clear();
    // The legend in one order always (states, band, line), with only what is drawn.
    m_plot->legend->clearItems();
    for (QCPGraph *g : m_stateGraphs)
        g->addToLegend();
    if (!m_bands.isEmpty())
        m_band->addToLegend();
    for (QCPGraph *g : m_pitrGraphs)
        if (!g->data()->isEmpty())
            g->addToLegend();
    if (hasPitrWindow())
        m_pitrBand->addToLegend();
    if (m_lastWrite.isValid())
        m_lastWriteLine->addToLegend();
    fitRange();
    ChartFrame::setNote(m_plot, m_points.isEmpty() && m_bands.isEmpty() && m_pitrPoints.isEmpty() && !hasPitrWindow()
                                    ? tr("No restore point yet: “Back up now” takes one, “Protect "
                                         "continuously…” starts a replica")
                                    : QString());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// Everything given, with a margin so the first and last points are not cut by the axis.
void BackupTimeline::fitRange()
{
    double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
    auto add = [&](double k) {
        lo = std::min(lo, k);
        hi = std::max(hi, k);
    };
    for (const Point &p : m_points)
        add(p.key);
    for (const Point &p : m_pitrPoints)
        add(p.key);
    for (const Band &b : m_bands + QList<Band>{m_pitrWindow}) {
        if (b.to <= b.from)
            continue;
        add(b.from);
        add(b.to);
    }
    if (m_lastWrite.isValid())
        add(keyOf(m_lastWrite));
    if (lo > hi) {
        const double now = keyOf(QDateTime::currentDateTimeUtc());
        lo = now - 3600;
        hi = now;
    }
    const double pad = std::max(60.0, (hi - lo) * 0.05);
    m_plot->xAxis->setRange(lo - pad, hi + pad);
}

QPair<double, double> BackupTimeline::bandPixels(const Band &band) const
{
    double a = m_plot->xAxis->coordToPixel(band.from), b = m_plot->xAxis->coordToPixel(band.to);
    if (b - a < kMinBandPx) {
        const double mid = (a + b) / 2;
        a = mid - kMinBandPx / 2.0;
        b = mid + kMinBandPx / 2.0;
    }
    return {a, b};
}

QPoint BackupTimeline::pointOf(const QString &path) const
{
    for (const Point &p : m_points)
        if (p.path == path)
            return QPoint(int(std::lround(m_plot->xAxis->coordToPixel(p.key))),
                          int(std::lround(m_plot->yAxis->coordToPixel(p.row))));
    return {-1, -1};
}

QPoint BackupTimeline::bandPointOf(const QDateTime &at) const
{
    const double key = keyOf(at);
    for (const Band &b : m_bands)
        if (key >= b.from && key <= b.to)
            return QPoint(int(std::lround(m_plot->xAxis->coordToPixel(key))),
                          int(std::lround(m_plot->yAxis->coordToPixel((kBotRow + kDbopsRow) / 2 + 0.3))));
    return {-1, -1};
}

QString BackupTimeline::backupAt(const QPoint &pos) const
{
    QString best;
    double bestDistance = kHitPx;
    for (const Point &p : m_points) {
        const double dx = m_plot->xAxis->coordToPixel(p.key) - pos.x();
        const double dy = m_plot->yAxis->coordToPixel(p.row) - pos.y();
        const double d = std::hypot(dx, dy);
        if (d <= bestDistance) {
            bestDistance = d;
            best = p.path;
        }
    }
    return best;
}

QDateTime BackupTimeline::momentAt(const QPoint &pos) const
{
    if (!m_plot->axisRect()->rect().contains(pos))
        return {};
    for (const Band &b : m_bands) {
        const auto [left, right] = bandPixels(b);
        if (pos.x() < left || pos.x() > right)
            continue;
        // Litestream lists a generation's start in whole seconds, its first snapshot may be later within that second.
        const double first = std::min(b.from + 1, b.to);
        return timeOf(std::clamp(m_plot->xAxis->pixelToCoord(pos.x()), first, b.to));
    }
    return {};
}

void BackupTimeline::onRelease(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || (event->pos() - m_pressedAt).manhattanLength() > kClickSlopPx)
        return;
    const QString path = backupAt(event->pos());
    if (!path.isEmpty()) {
        Q_EMIT backupClicked(path);
        return;
    }
    const QDateTime at = momentAt(event->pos());
    if (at.isValid()) {
        Q_EMIT momentClicked(at);
        return;
    }
    const QDateTime pitrAt = pitrMomentAt(event->pos());
    if (pitrAt.isValid())
        Q_EMIT pitrMomentClicked(pitrAt);
}

QString BackupTimeline::toolTipAt(const QPoint &pos) const
{
    const QString path = backupAt(pos);
    for (const Point &p : m_points)
        if (!path.isEmpty() && p.path == path)
            return p.tip;
    const QDateTime at = path.isEmpty() ? momentAt(pos) : QDateTime();
    if (at.isValid())
        return tr("Restore the store as it was at %1 (Litestream replica %2)").arg(localTime(at), m_replicaPath);
    return pitrTipAt(pos);
}

void BackupTimeline::onMouseMove(QMouseEvent *event)
{
    if (event->buttons() != Qt::NoButton)
        return; // dragging the range
    const QString tip = toolTipAt(event->pos());
    const bool clickable =
        !backupAt(event->pos()).isEmpty() || momentAt(event->pos()).isValid() || pitrMomentAt(event->pos()).isValid();
    m_plot->setCursor(clickable ? Qt::PointingHandCursor : Qt::ArrowCursor);
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), tip, m_plot);
}

QString BackupTimeline::note() const { return ChartFrame::note(m_plot); }

bool BackupTimeline::exportPng(const QString &path, int width, int height)
{
    return m_plot->savePng(path, width, height);
}

} // namespace dbops
