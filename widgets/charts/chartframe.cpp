#include "charts/chartframe.h"

#include <qcustomplot.h>

namespace dbops::ChartFrame {

namespace {

const char *const kNoteName = "chartNote";
const char *const kLaidOutSize = "dbopsLaidOutSize";

QCPItemText *findNote(const QCustomPlot *plot)
{
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto *text = qobject_cast<QCPItemText *>(plot->item(i));
            text && text->objectName() == QLatin1String(kNoteName))
            return text;
    return nullptr;
}

} // namespace

void install(QCustomPlot *plot, bool legend)
{
    if (legend) {
        QCPLegend *l = plot->legend;
        l->setVisible(true);
        l->setFont(plot->font());
        l->setBorderPen(Qt::NoPen);
        l->setBrush(Qt::NoBrush);
        l->setFillOrder(QCPLayoutGrid::foColumnsFirst);
        // The legend leaves the axis rect's inset for a row of its own, as tall as its entries need.
        plot->axisRect()->insetLayout()->take(l);
        plot->plotLayout()->addElement(1, 0, l);
        plot->plotLayout()->setRowStretchFactor(1, 0.001);
        plot->plotLayout()->setRowSpacing(0);
        l->setMargins(QMargins(8, 0, 8, 4));
        QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { wrapLegend(plot); });
    }
    // Tick spacing uses the axis length of the previous layout: when the layout moved it, draw once more.
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot] {
        const QSize size = plot->axisRect()->rect().size();
        if (plot->property(kLaidOutSize).toSize() == size)
            return;
        plot->setProperty(kLaidOutSize, size);
        plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

void wrapLegend(QCustomPlot *plot)
{
    QCPLegend *l = plot->legend;
    const QFontMetrics fm(l->font());
    int widest = 1;
    for (int i = 0; i < l->itemCount(); ++i)
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(l->item(i)))
            widest = std::max(widest, fm.horizontalAdvance(item->plottable()->name()));
    const int entry = widest + l->iconSize().width() + l->iconTextPadding() + fm.averageCharWidth() * 3;
    const int columns = std::max(1, (plot->width() - 16) / entry);
    if (l->wrap() == columns)
        return;
    l->setWrap(columns);
    l->setFillOrder(l->fillOrder(), true); // a new wrap applies to the entries already there only this way
}

void setNote(QCustomPlot *plot, const QString &text)
{
    QCPItemText *note = findNote(plot);
    if (!note) {
        note = new QCPItemText(plot);
        note->setObjectName(QLatin1String(kNoteName));
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.5, 0.5);
        note->setPositionAlignment(Qt::AlignCenter);
        note->setFont(plot->font());
        note->setColor(plot->palette().color(QPalette::PlaceholderText));
    }
    note->setText(text);
    note->setVisible(!text.isEmpty());
}

QString note(const QCustomPlot *plot)
{
    const QCPItemText *note = findNote(plot);
    return note && note->visible() ? note->text() : QString();
}

} // namespace dbops::ChartFrame
