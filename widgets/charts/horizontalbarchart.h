#pragma once
// A small, labelled horizontal bar chart over QCustomPlot: one bar per label, its value written at its end.
// Every value label ends inside the plot, however narrow (inside its bar, or elided, when nothing else fits). Used by
// the overview for store sizes, file usage and connections against max_connections.
#include <QList>
#include <QSharedPointer>
#include <QString>
#include <QWidget>

class QCPAxisTickerText;
class QCPItemText;
class QCustomPlot;
class QLabel;

namespace dbops {

class ValueTicker;

class HorizontalBarChart : public QWidget {
    Q_OBJECT
public:
    struct Bar {
        QString label;
        double value = 0;
        QString valueText;      // written at the bar's end, e.g. "12.3 MiB"
        bool highlight = false; // drawn in the warning colour
    };

    explicit HorizontalBarChart(QWidget *parent = nullptr);
    void setTitle(const QString &title);
    // `limit` > 0 draws a dashed line at that value (e.g. max_connections) and fits the axis to it.
    void setBars(const QList<Bar> &bars, const QString &axisLabel, double limit = 0, const QString &limitLabel = {});
    void clear();
    int barCount() const { return int(m_bars.size()); }
    const QList<Bar> &bars() const { return m_bars; }
    QString title() const;
    QCustomPlot *plot() const { return m_plot; }

private:
    void rebuild(const QString &axisLabel, double limit, const QString &limitLabel);
    void fitValueLabels();
    bool elideKeyLabels();
    bool placeLabel(QCPItemText *label, const Bar &bar, int barPixels, int width);

    QLabel *m_title;
    QCustomPlot *m_plot;
    QSharedPointer<ValueTicker> m_valueTicker;
    QSharedPointer<QCPAxisTickerText> m_keyTicker;
    QList<Bar> m_bars;
    QList<QCPItemText *> m_labels; // one per bar, owned by the plot
    double m_limit = 0;
};

} // namespace dbops
