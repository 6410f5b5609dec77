#include "charts/chartticks.h"

#include <QDateTime>
#include <QFontMetrics>
#include <cmath>

namespace dbops {

namespace {

constexpr double kMinute = 60, kHour = 3600, kDay = 86400;

// The length of `axis` in pixels along its direction; before the first layout, a guess from the plot's size.
int lengthOf(const QCPAxis *axis)
{
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    const int laidOut = horizontal ? axis->axisRect()->width() : axis->axisRect()->height();
    if (laidOut > 20)
        return laidOut;
    const QWidget *plot = axis->parentPlot();
    return int((horizontal ? plot->width() : plot->height()) * 0.7);
}

// The gap kept between two neighbouring labels.
int gapOf(const QFontMetrics &fm) { return fm.averageCharWidth() * 2; }

} // namespace

QString TimeTicker::formatFor(double step)
{
    if (step < kMinute)
        return QStringLiteral("HH:mm:ss");
    if (step < kDay)
        return QStringLiteral("HH:mm");
    return QStringLiteral("yyyy-MM-dd");
}

int TimeTicker::labelRoom(double step) const
{
    const QFontMetrics fm(m_axis->tickLabelFont());
    // A time with wide digits stands for every label of that format.
    const QDateTime sample(QDate(2028, 10, 28), QTime(20, 48, 58));
    return fm.horizontalAdvance(sample.toString(formatFor(step))) + gapOf(fm);
}

double TimeTicker::stepFor(const QCPRange &range, int pixels) const
{
    static const double steps[] = {1,        2,           5,           10,           15,           30,
                                   kMinute,  2 * kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute, 30 * kMinute,
                                   kHour,    2 * kHour,   3 * kHour,   6 * kHour,    12 * kHour,   kDay,
                                   2 * kDay, 7 * kDay,    14 * kDay,   30 * kDay,    91 * kDay,    365 * kDay};
    if (range.size() <= 0 || pixels <= 0)
        return steps[0];
    // At most range / step + 1 ticks fall in the range: each with the room of its label, they fit the axis.
    for (double step : steps)
        if ((range.size() / step + 1) * labelRoom(step) <= pixels)
            return step;
    return std::ceil(range.size() * labelRoom(365 * kDay) / pixels / (365 * kDay)) * 365 * kDay;
}

int TimeTicker::axisPixels() const { return lengthOf(m_axis); }

double TimeTicker::getTickStep(const QCPRange &range)
{
    m_step = stepFor(range, axisPixels());
    return m_step;
}

int TimeTicker::getSubTickCount(double) { return 0; }

QString TimeTicker::getTickLabel(double tick, const QLocale &, QChar, int)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(tick * 1000)).toLocalTime().toString(formatFor(m_step));
}

// Ticks on whole steps of local time (an hour step ticks at 14:00, a day step at local midnight).
QVector<double> TimeTicker::createTickVector(double step, const QCPRange &range)
{
    QVector<double> ticks;
    if (step <= 0)
        return ticks;
    const double offset = QDateTime::fromSecsSinceEpoch(qint64(range.lower)).toLocalTime().offsetFromUtc();
    // One tick before and after the range: the base class trims them after placing sub-ticks.
    for (double t = std::floor((range.lower + offset) / step) * step - offset; t <= range.upper + step; t += step)
        ticks << t;
    return ticks;
}

double ValueTicker::stepFor(const QCPRange &range, int pixels) const
{
    const QFontMetrics fm(m_axis->tickLabelFont());
    int room = fm.height() + fm.height() / 2;
    if (m_axis->orientation() == Qt::Horizontal) {
        const double widest = std::max(std::abs(range.lower), std::abs(range.upper));
        room = fm.horizontalAdvance(QString::number(widest, 'g', m_integers ? 12 : 4)) + gapOf(fm);
    }
    if (range.size() <= 0 || pixels <= 0)
        return 1;
    // range / step + 1 labels, each with its room, fit the axis: step >= range * room / (pixels - room).
    const double least = pixels > 2 * room ? range.size() * room / (pixels - room) : range.size();
    const double magnitude = std::pow(10.0, std::floor(std::log10(least)));
    double step = 10 * magnitude;
    for (double mantissa : {1.0, 2.0, 5.0})
        if (mantissa * magnitude >= least) {
            step = mantissa * magnitude;
            break;
        }
    return m_integers ? std::max(1.0, std::round(step)) : step;
}

int ValueTicker::axisPixels() const { return lengthOf(m_axis); }

double ValueTicker::getTickStep(const QCPRange &range) { return stepFor(range, axisPixels()); }

int ValueTicker::getSubTickCount(double) { return 0; }

QString ValueTicker::getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision)
{
    if (m_integers)
        return locale.toString(qlonglong(std::llround(tick)));
    return QCPAxisTicker::getTickLabel(tick, locale, formatChar, precision);
}

namespace ChartTicks {

QSharedPointer<TimeTicker> time(QCPAxis *axis)
{
    auto ticker = QSharedPointer<TimeTicker>::create(axis);
    axis->setTicker(ticker);
    return ticker;
}

QSharedPointer<ValueTicker> values(QCPAxis *axis, bool integers)
{
    auto ticker = QSharedPointer<ValueTicker>::create(axis, integers);
    axis->setTicker(ticker);
    return ticker;
}

} // namespace ChartTicks

} // namespace dbops
