#pragma once
// The Health tab's growth chart: the total size of a store's tables at each recorded scan (HealthHistory),
// over time. The y axis follows the sizes (not zero to the top: a store that grows by a percent shows it); a
// single scan is said in words instead of a lone dot.
#include "schema/healthhistory.h"

#include <QWidget>

class QCustomPlot;

namespace dbops {

class GrowthChart : public QWidget {
    Q_OBJECT
public:
    explicit GrowthChart(QWidget *parent = nullptr);
    void setSnapshots(const QList<HealthSnapshot> &snapshots);
    QCustomPlot *plot() const { return m_plot; }
    // The note written across the plot when there is no line to draw ("one scan so far").
    QString note() const;

private:
    QCustomPlot *m_plot;
};

} // namespace dbops
