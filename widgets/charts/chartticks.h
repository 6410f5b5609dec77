#pragma once
// Axis tickers that space their labels by what fits: the step is the smallest readable one whose labels, at
// the axis's current length in pixels, do not touch. QCustomPlot's own tickers aim at a fixed tick count,
// which crowds a narrow chart and leaves a wide one bare.
//  - TimeTicker: seconds since the epoch, shown in local time; the label format follows the step
//    (HH:mm:ss, HH:mm, MM-dd HH:mm, yyyy-MM-dd).
//  - ValueTicker: 1-2-5 steps; with integers on (counts), never a step below 1 nor a fractional label.
#include <QString>
#include <qcustomplot.h>

namespace dbops {

class TimeTicker : public QCPAxisTicker {
public:
    explicit TimeTicker(QCPAxis *axis) : m_axis(axis) {}
    // The label format used for ticks `step` seconds apart.
    static QString formatFor(double step);
    // The room one label of that format takes, with the gap kept to its neighbour.
    int labelRoom(double step) const;
    // The step ticks are placed at for `range` when the axis is `pixels` long.
    double stepFor(const QCPRange &range, int pixels) const;
    int axisPixels() const;

protected:
    double getTickStep(const QCPRange &range) override;
    int getSubTickCount(double step) override;
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override;
    QVector<double> createTickVector(double step, const QCPRange &range) override;

private:
    QCPAxis *m_axis; // owns this ticker
    double m_step = 1;
};

class ValueTicker : public QCPAxisTicker {
public:
    ValueTicker(QCPAxis *axis, bool integers) : m_axis(axis), m_integers(integers) {}
    void setIntegers(bool integers) { m_integers = integers; }
    bool integers() const { return m_integers; }
    double stepFor(const QCPRange &range, int pixels) const;
    int axisPixels() const;

protected:
    double getTickStep(const QCPRange &range) override;
    int getSubTickCount(double step) override;
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override;

private:
    QCPAxis *m_axis; // owns this ticker
    bool m_integers;
};

namespace ChartTicks {
// Installs a TimeTicker on `axis` and returns it.
QSharedPointer<TimeTicker> time(QCPAxis *axis);
// Installs a ValueTicker on `axis` and returns it.
QSharedPointer<ValueTicker> values(QCPAxis *axis, bool integers);
} // namespace ChartTicks

} // namespace dbops
