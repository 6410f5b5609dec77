#include "charts/horizontalbarchart.h"

#include "charts/chartframe.h"
#include "charts/chartticks.h"

#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace dbops {

namespace {
const QColor kBar(0x4a, 0x7f, 0xc1);
const QColor kHighlight(0xe0, 0x8e, 0x1b);
const QColor kGrid(0xe3, 0xe6, 0xea);
constexpr int kLabelPad = 6;  // between a bar's end and its value
constexpr int kRightRoom = 4; // between the longest value and the plot's edge
} // namespace

HorizontalBarChart::HorizontalBarChart(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_plot(new QCustomPlot(this))
{
    m_title->setObjectName(QStringLiteral("chartTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_plot, 1);
    m_plot->setBackground(palette().brush(QPalette::Base));
    m_plot->setMinimumHeight(120);
    m_plot->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_valueTicker = ChartTicks::values(m_plot->xAxis, false);
    ChartFrame::install(m_plot, false);
    connect(m_plot, &QCustomPlot::afterLayout, this, &HorizontalBarChart::fitValueLabels);
}

void HorizontalBarChart::setTitle(const QString &title) { m_title->setText(title); }

QString HorizontalBarChart::title() const { return m_title->text(); }

void HorizontalBarChart::clear()
{
    m_bars.clear();
    m_limit = 0;
    rebuild({}, 0, {});
}

void HorizontalBarChart::setBars(const QList<Bar> &bars, const QString &axisLabel, double limit,
                                 const QString &limitLabel)
{
    m_bars = bars;
    m_limit = limit;
    rebuild(axisLabel, limit, limitLabel);
}

void HorizontalBarChart::rebuild(const QString &axisLabel, double limit, const QString &limitLabel)
{
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_labels.clear();
    QCPAxis *keyAxis = m_plot->yAxis;
    QCPAxis *valueAxis = m_plot->xAxis;
    const QFont font = this->font();
    for (QCPAxis *axis : {keyAxis, valueAxis}) {
        axis->setTickLabelFont(font);
        axis->setLabelFont(font);
        axis->setBasePen(QPen(kGrid));
        axis->setTickPen(QPen(kGrid));
        axis->setSubTickPen(Qt::NoPen);
        axis->setTickLabelColor(palette().color(QPalette::Text));
        axis->setLabelColor(palette().color(QPalette::PlaceholderText));
        axis->grid()->setPen(QPen(kGrid, 1, Qt::SolidLine));
    }
    keyAxis->grid()->setVisible(false);
    keyAxis->setTickLength(0, 0);
    keyAxis->setRangeReversed(true); // first bar on top

    m_keyTicker = QSharedPointer<QCPAxisTickerText>::create();
    auto ticker = m_keyTicker;
    auto *normal = new QCPBars(keyAxis, valueAxis);
    auto *flagged = new QCPBars(keyAxis, valueAxis);
    for (auto [bars, color] : {std::pair{normal, kBar}, std::pair{flagged, kHighlight}}) {
        bars->setWidth(0.6);
        bars->setPen(Qt::NoPen);
        bars->setBrush(color);
    }
    double top = limit;
    for (int i = 0; i < m_bars.size(); ++i) {
        const Bar &bar = m_bars.at(i);
        ticker->addTick(i, bar.label);
        (bar.highlight ? flagged : normal)->addData(i, bar.value);
        top = std::max(top, bar.value);
        auto *text = new QCPItemText(m_plot);
        text->position->setCoords(bar.value, i);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        text->setPadding(QMargins(kLabelPad, 0, 0, 0));
        text->setFont(font);
        text->setColor(palette().color(QPalette::Text));
        text->setText(bar.valueText);
        text->setClipToAxisRect(false);
        m_labels << text;
    }
    keyAxis->setTicker(ticker);
    m_valueTicker->setIntegers(
        std::all_of(m_bars.cbegin(), m_bars.cend(), [](const Bar &b) { return b.value == std::floor(b.value); }));
    keyAxis->setRange(-0.6, std::max<double>(m_bars.size(), 1) - 0.4);
    valueAxis->setLabel(axisLabel);
    // A first guess of the room the value labels need; fitValueLabels makes it exact once the plot is laid out.
    valueAxis->setRange(0, top > 0 ? top * 1.3 : 1);
    if (limit > 0) {
        auto *line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(limit, 0);
        line->point2->setCoords(limit, 1);
        line->setPen(QPen(QColor(0xc6, 0x28, 0x28), 1.2, Qt::DashLine));
        if (!limitLabel.isEmpty()) {
            auto *text = new QCPItemText(m_plot);
            text->position->setType(QCPItemPosition::ptPlotCoords);
            text->position->setCoords(limit, keyAxis->range().upper);
            text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
            text->setPadding(QMargins(0, 0, 4, 2));
            text->setFont(font);
            text->setColor(QColor(0xc6, 0x28, 0x28));
            text->setText(limitLabel);
        }
    }
    // Rows as tight as their labels allow: a taller minimum would make the window outgrow a 1280×800 screen.
    const int rowHeight = fontMetrics().height() + 2;
    m_plot->setMinimumHeight(std::max(120, int(m_bars.size()) * rowHeight + fontMetrics().height() * 3 + 8));
    m_plot->replot();
}

// The value axis reaches far enough right that each value label fits after its bar: a bar of value v ends at
// v / upper * width pixels, and its label needs the pixels after that. A label too wide for that on a narrow
// plot goes inside its bar (right-aligned at its end) when the bar is long enough, else it is elided: never
// cut at the plot's edge.
void HorizontalBarChart::fitValueLabels()
{
    const int width = m_plot->axisRect()->width();
    if (width <= 0 || m_bars.isEmpty() || m_labels.size() != m_bars.size())
        return;
    const QFontMetrics fm(font());
    double upper = m_limit * 1.05;
    for (const Bar &bar : std::as_const(m_bars)) {
        upper = std::max(upper, bar.value);
        const int room = width - kLabelPad - kRightRoom - fm.horizontalAdvance(bar.valueText);
        if (room > width / 4)
            upper = std::max(upper, bar.value * width / room);
    }
    if (upper <= 0)
        upper = 1;
    bool changed = elideKeyLabels();
    QCPAxis *valueAxis = m_plot->xAxis;
    if (std::abs(valueAxis->range().upper - upper) > upper * 1e-6) {
        valueAxis->setRange(0, upper);
        changed = true;
    }
    for (int i = 0; i < m_bars.size(); ++i)
        changed = placeLabel(m_labels[i], m_bars[i], int(m_bars[i].value / upper * width), width) || changed;
    if (changed)
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// The bars' names take at most two fifths of the chart's width, elided at the front (the end of
// "trading/trading.db:candles" names the table); true when that changed a name.
bool HorizontalBarChart::elideKeyLabels()
{
    const QFontMetrics fm(font());
    const int room = m_plot->width() * 2 / 5;
    bool changed = false;
    for (int i = 0; i < m_bars.size(); ++i) {
        const QString name = fm.elidedText(m_bars[i].label, Qt::ElideLeft, room);
        if (m_keyTicker->ticks().value(i) != name) {
            m_keyTicker->addTick(i, name);
            changed = true;
        }
    }
    return changed;
}

// Puts one value label after its bar (`barPixels` long, in a plot `width` wide), inside it, or elided after
// it; true when that changed anything.
bool HorizontalBarChart::placeLabel(QCPItemText *label, const Bar &bar, int barPixels, int width)
{
    const QFontMetrics fm(font());
    const int textWidth = fm.horizontalAdvance(bar.valueText);
    QString text = bar.valueText;
    Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter;
    QMargins padding(kLabelPad, 0, 0, 0);
    QColor color = palette().color(QPalette::Text);
    if (barPixels + kLabelPad + textWidth + kRightRoom > width) {
        if (barPixels >= textWidth + 2 * kLabelPad) {
            align = Qt::AlignRight | Qt::AlignVCenter;
            padding = QMargins(0, 0, kLabelPad, 0);
            color = palette().color(QPalette::HighlightedText);
        } else {
            text = fm.elidedText(text, Qt::ElideRight, std::max(0, width - barPixels - kLabelPad - kRightRoom));
        }
    }
    if (label->text() == text && label->positionAlignment() == align && label->padding() == padding)
        return false;
    label->setText(text);
    label->setPositionAlignment(align);
    label->setPadding(padding);
    label->setColor(color);
    return true;
}

} // namespace dbops
