#pragma once
// What every console chart shares around its plot: the legend in a row of its own under the plot (it never
// covers a line), wrapped to as many columns as the width holds; a note written across the plot ("one scan so
// far") where a lone point would say nothing; and a second pass when the plot's size changed, because the
// tickers (charts/chartticks.h) space their labels by the axis length of the layout before.
#include <QString>

class QCustomPlot;
class QCPLegend;
class QCPItemText;

namespace dbops {

namespace ChartFrame {
// Layout and replot hooks for `plot`; with `legend`, the legend goes under the axis rect.
void install(QCustomPlot *plot, bool legend);
// Columns for the legend at the plot's current width.
void wrapLegend(QCustomPlot *plot);
// The note across the plot; an empty text hides it.
void setNote(QCustomPlot *plot, const QString &text);
QString note(const QCustomPlot *plot);
} // namespace ChartFrame

} // namespace dbops
