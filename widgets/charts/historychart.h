#pragma once
// Activity history over time (QCustomPlot), drag and wheel-zoom along time, hover values, PNG export. Two
// kinds, chosen by the samples it is given:
//  - PostgreSQL: connections by state, one line per state, the server's available connections and the
//    configured pool maxima as dashed limit lines;
//  - SQLite: WAL size (MiB, left axis), and on the right axis the processes holding the files, the write
//    locks found held, the write-lock probe's latency (ms) and the checkpoints that could not finish.
// The y axes follow the data (whole-number ticks for counts); the legend sits under the plot.
// A sample with gapBefore (the console was closed) starts a new line instead of joining the previous one.
#include "activity/activityhistory.h"

#include <QSharedPointer>
#include <QWidget>

class QCustomPlot;
class QMouseEvent;

namespace dbops {

class ValueTicker;

class HistoryChart : public QWidget {
    Q_OBJECT
public:
    enum Series { Active, Waiting, Idle, IdleInTransaction, Aborted, Available, PoolMax, SeriesCount };
    enum SqliteSeries { WalMiB, Holders, WriteLocksHeld, LockProbeMs, CheckpointsBusy, SqliteSeriesCount };

    explicit HistoryChart(QWidget *parent = nullptr);
    // PostgreSQL samples (switches the chart to connections by state).
    void setSamples(const QList<ActivitySample> &samples);
    void appendSample(const ActivitySample &sample);
    // SQLite samples (switches the chart to the lock / WAL / process view).
    void setSqliteSamples(const QList<SqliteSample> &samples);
    void appendSqliteSample(const SqliteSample &sample);
    void setMaxPoints(int points) { m_maxPoints = points; } // oldest dropped beyond this (live mode)
    const QList<ActivitySample> &samples() const { return m_samples; }
    const QList<SqliteSample> &sqliteSamples() const { return m_sqliteSamples; }
    bool isSqlite() const { return m_sqlite; }
    // "12:03:04 — active 3, waiting 1, …" for the sample nearest `key` (seconds since the epoch).
    QString valuesAt(double key) const;
    bool exportPng(const QString &path, int width = 0, int height = 0);
    QCustomPlot *plot() const { return m_plot; }
    // The note written across the plot while there is nothing to draw a line from ("one sample so far").
    QString note() const;
    static QString seriesName(Series series);
    static QString seriesName(SqliteSeries series);

private:
    struct Row {
        double key = 0; // seconds since the epoch
        bool gapBefore = false;
        QVector<double> values;
    };
    void setKind(bool sqlite);
    void rebuild();
    bool isLimit(int series) const;
    double placeLimits(double dataTop);
    void onMouseMove(QMouseEvent *event);
    QString seriesLabel(int series) const;

    QCustomPlot *m_plot;
    QSharedPointer<ValueTicker> m_leftTicker;
    QSharedPointer<ValueTicker> m_rightTicker;
    bool m_sqlite = false;
    QList<ActivitySample> m_samples;
    QList<SqliteSample> m_sqliteSamples;
    QList<Row> m_rows; // what is drawn, from either list
    int m_maxPoints = 3600;
    bool m_followLatest = true;
};

} // namespace dbops
