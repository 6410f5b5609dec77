// BackupTimeline's pgBackRest part: the stanza's backups on a row of their own, one graph per type so that full,
// differential and incremental backups look apart (and the legend says which is which), and its point-in-time
// window as a band like the Litestream replica's. A click in the window picks a second to restore into a side
// instance (`dbops restore --at … --side-instance …`): the Backups tab opens its dialog.
#include "charts/backuptimeline.h"

#include "core/format.h"

#include <QTimeZone>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace dbops {
namespace {

constexpr double kPitrRow = 3;
constexpr double kTop = 2.6; // without the row (BackupTimeline's own extent)
constexpr double kPitrTop = 3.6;
constexpr int kHitPx = 9;
const QColor kPitrColor(0x6a, 0x1b, 0x9a);
const QString kTypes[] = {QStringLiteral("full"), QStringLiteral("diff"), QStringLiteral("incr")};
// full: a filled square; differential: a triangle; incremental: a hollow circle (it needs the ones before it)
constexpr QCPScatterStyle::ScatterShape kShapes[] = {QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle,
                                                     QCPScatterStyle::ssCircle};

int typeIndex(const QString &type)
{
    for (int i = 0; i < 3; ++i)
        if (kTypes[i] == type)
            return i;
    return 0;
}

double keyOf(const QDateTime &t) { return t.toMSecsSinceEpoch() / 1000.0; }

QString localTime(const QDateTime &t) { return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")); }

QString typeName(const QString &type)
{
    if (type == QLatin1String("diff"))
        return BackupTimeline::tr("differential");
    if (type == QLatin1String("incr"))
        return BackupTimeline::tr("incremental");
    return BackupTimeline::tr("full");
}

} // namespace

void BackupTimeline::addPitrGraphs()
{
    m_pitrBand = m_plot->addGraph();
    m_pitrBand->setName(tr("pgBackRest: point-in-time window"));
    m_pitrBand->setPen(QPen(kPitrColor, 1));
    QColor fill = kPitrColor;
    fill.setAlpha(40);
    m_pitrBand->setBrush(fill);
    for (const QString &type : kTypes) {
        QCPGraph *g = m_plot->addGraph();
        g->setName(tr("pgBackRest %1 backup").arg(typeName(type)));
        g->setLineStyle(QCPGraph::lsNone);
        const int i = typeIndex(type);
        const QBrush brush = i == 2 ? QBrush(Qt::white) : QBrush(kPitrColor);
        g->setScatterStyle(QCPScatterStyle(kShapes[i], QPen(kPitrColor, 2), brush, 11));
        m_pitrGraphs << g;
    }
}

int BackupTimeline::pitrShape(const QString &type) const
{
    return int(m_pitrGraphs.value(typeIndex(type))->scatterStyle().shape());
}

void BackupTimeline::setPitr(const PitrReading &reading)
{
    m_pitrPoints.clear();
    for (QCPGraph *g : m_pitrGraphs)
        g->data()->clear();
    m_pitrWindow = Band{};
    m_stanza = reading.found ? reading.info.stanza : QString();
    for (const PitrBackup &b : reading.found ? reading.info.backups : QList<PitrBackup>()) {
        const QDateTime at = b.stop.isValid() ? b.stop : b.start;
        if (!at.isValid())
            continue;
        const Point p{keyOf(at), kPitrRow, b.label,
                      tr("%1\npgBackRest %2 backup of stanza %3, %4 (%5 in the repository)\n%6 to %7")
                          .arg(b.label, typeName(b.type), m_stanza, Format::bytes(b.bytes), Format::bytes(b.repoBytes),
                               localTime(b.start), localTime(b.stop))};
        m_pitrPoints << p;
        m_pitrGraphs[typeIndex(b.type)]->addData(p.key, p.row);
    }
    if (reading.found && reading.info.restorableFrom.isValid() && reading.info.restorableTo.isValid())
        m_pitrWindow = Band{keyOf(reading.info.restorableFrom), keyOf(reading.info.restorableTo) + 0.999};
    const bool shown = !m_pitrPoints.isEmpty() || hasPitrWindow();
    m_top = shown ? kPitrTop : kTop;
    m_plot->yAxis->setRange(0.4, m_top);
    if (auto rows = m_plot->yAxis->ticker().dynamicCast<QCPAxisTickerText>()) {
        rows->ticks().remove(kPitrRow);
        if (shown)
            rows->addTick(kPitrRow, tr("pgBackRest"));
    }
    rebuild();
}

QPoint BackupTimeline::pitrPointOf(const QString &label) const
{
    for (const Point &p : m_pitrPoints)
        if (p.path == label)
            return QPoint(int(std::lround(m_plot->xAxis->coordToPixel(p.key))),
                          int(std::lround(m_plot->yAxis->coordToPixel(p.row))));
    return {-1, -1};
}

QPoint BackupTimeline::pitrWindowPointOf(const QDateTime &at) const
{
    const double key = keyOf(at);
    if (!hasPitrWindow() || key < m_pitrWindow.from || key > m_pitrWindow.to)
        return {-1, -1};
    return QPoint(int(std::lround(m_plot->xAxis->coordToPixel(key))),
                  int(std::lround(m_plot->yAxis->coordToPixel(kPitrRow - 0.5))));
}

QDateTime BackupTimeline::pitrMomentAt(const QPoint &pos) const
{
    if (!hasPitrWindow() || !m_plot->axisRect()->rect().contains(pos))
        return {};
    const auto [left, right] = bandPixels(m_pitrWindow);
    if (pos.x() < left || pos.x() > right)
        return {};
    const double key = std::clamp(m_plot->xAxis->pixelToCoord(pos.x()), m_pitrWindow.from, m_pitrWindow.to);
    return QDateTime::fromMSecsSinceEpoch(qint64(std::floor(key)) * 1000, QTimeZone::utc());
}

QString BackupTimeline::pitrTipAt(const QPoint &pos) const
{
    for (const Point &p : m_pitrPoints)
        if (std::hypot(m_plot->xAxis->coordToPixel(p.key) - pos.x(), m_plot->yAxis->coordToPixel(p.row) - pos.y()) <=
            kHitPx)
            return p.tip;
    const QDateTime at = pitrMomentAt(pos);
    if (!at.isValid())
        return {};
    return tr("pgBackRest (stanza %1) can restore any moment from %2 to %3; click to restore %4 into a side "
              "instance beside the live server")
        .arg(m_stanza, localTime(QDateTime::fromMSecsSinceEpoch(qint64(m_pitrWindow.from * 1000))),
             localTime(QDateTime::fromMSecsSinceEpoch(qint64(std::floor(m_pitrWindow.to) * 1000))), localTime(at));
}

} // namespace dbops
