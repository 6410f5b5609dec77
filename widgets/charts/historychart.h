#pragma once
// Connections by state over time (QCustomPlot): one line per state, the server's available connections and
// the configured pool maxima as dashed limit lines, drag and wheel-zoom along time, hover values, PNG export.
// A sample with gapBefore (the console was closed) starts a new line instead of joining the previous one.
#include "activity/activityhistory.h"

#include <QWidget>

class QCustomPlot;
class QMouseEvent;

namespace dbops {

class HistoryChart : public QWidget {
    Q_OBJECT
public:
    enum Series { Active, Waiting, Idle, IdleInTransaction, Aborted, Available, PoolMax, SeriesCount };

    explicit HistoryChart(QWidget *parent = nullptr);
    void setSamples(const QList<ActivitySample> &samples);
    void appendSample(const ActivitySample &sample);
    void setMaxPoints(int points) { m_maxPoints = points; } // oldest dropped beyond this (live mode)
    const QList<ActivitySample> &samples() const { return m_samples; }
    // "12:03:04 — active 3, waiting 1, …" for the sample nearest `key` (seconds since the epoch).
    QString valuesAt(double key) const;
    bool exportPng(const QString &path, int width = 0, int height = 0);
    QCustomPlot *plot() const { return m_plot; }
    static QString seriesName(Series series);

private:
    void rebuild();
    void onMouseMove(QMouseEvent *event);

    QCustomPlot *m_plot;
    QList<ActivitySample> m_samples;
    int m_maxPoints = 3600;
    bool m_followLatest = true;
};

} // namespace dbops
