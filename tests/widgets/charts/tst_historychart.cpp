// The activity history chart reads at any width: y axes follow the data (a far limit does not flatten the
// lines), counts tick in whole numbers, time labels never overlap, the legend sits outside the plot, and a
// single sample is said in words.
#include "chartinspect.h"
#include "charts/historychart.h"

#include <QtTest/QTest>
#include <cmath>
#include <qcustomplot.h>

using namespace dbops;

namespace {

ActivitySample sample(const QDateTime &at, int active, int idle, int available)
{
    ActivitySample s;
    s.at = at;
    s.counts.active = active;
    s.counts.idle = idle;
    s.available = available;
    return s;
}

// An hour of samples a minute apart: 1–4 active, 2 idle, against `available` connections.
QList<ActivitySample> hourOf(int available)
{
    QList<ActivitySample> samples;
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-3600);
    for (int i = 0; i <= 60; ++i)
        samples << sample(t0.addSecs(i * 60), 1 + i % 4, 2, available);
    return samples;
}

} // namespace

class TestHistoryChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void yAxisFollowsTheDataNotAFarLimit()
    {
        HistoryChart chart;
        chart.setSamples(hourOf(97));
        const QCPRange y = chart.plot()->yAxis->range();
        QVERIFY2(y.upper >= 4 && y.upper <= 8, qPrintable(QString::number(y.upper)));
        // the limit says its value in the legend instead of pinning the axis
        QCPGraph *available = chart.plot()->graph(HistoryChart::Available);
        QVERIFY(!available->visible());
        QVERIFY2(available->name().contains(QLatin1String("97")), qPrintable(available->name()));
    }

    void aNearLimitIsDrawnInRange()
    {
        HistoryChart chart;
        chart.setSamples(hourOf(6));
        QVERIFY(chart.plot()->graph(HistoryChart::Available)->visible());
        QVERIFY(chart.plot()->yAxis->range().upper > 6);
    }

    void countAxisTicksInWholeNumbers()
    {
        HistoryChart chart;
        QList<ActivitySample> samples;
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-60);
        for (int i = 0; i < 30; ++i)
            samples << sample(t0.addSecs(i * 2), i % 2, 1, 3);
        chart.setSamples(samples);
        chartinspect::layOut(&chart, chart.plot(), QSize(700, 420));
        const auto ticks = chartinspect::ticksOf(chart.plot()->yAxis);
        QVERIFY(ticks.size() >= 2);
        for (const double tick : chart.plot()->yAxis->tickVector())
            QVERIFY2(tick == std::floor(tick), qPrintable(QString::number(tick)));
        for (const auto &t : ticks)
            QVERIFY2(!t.second.contains(QLatin1Char('.')), qPrintable(t.second));
    }

    void timeLabelsDoNotOverlap_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("seconds"); // the span shown
        QTest::newRow("very narrow, an hour") << 240 << 3600;
        QTest::newRow("narrow, an hour") << 320 << 3600;
        QTest::newRow("narrow, a minute") << 320 << 60;
        QTest::newRow("medium, an hour") << 700 << 3600;
        QTest::newRow("wide, a day") << 1700 << 86400;
        QTest::newRow("wide, two minutes") << 1700 << 120;
    }
    void timeLabelsDoNotOverlap()
    {
        QFETCH(int, width);
        QFETCH(int, seconds);
        HistoryChart chart;
        QList<ActivitySample> samples;
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-seconds);
        for (int i = 0; i <= 30; ++i)
            samples << sample(t0.addSecs(qint64(seconds) * i / 30), 2, 1, 5);
        chart.setSamples(samples);
        chartinspect::layOut(&chart, chart.plot(), QSize(width, 400));
        QCPAxis *x = chart.plot()->xAxis;
        const QFontMetrics fm(x->tickLabelFont());
        const auto ticks = chartinspect::ticksOf(x);
        QVERIFY(ticks.size() >= 2);
        int widest = 0;
        for (const auto &t : ticks)
            widest = std::max(widest, fm.horizontalAdvance(t.second));
        QVERIFY2(ticks.size() * widest <= x->axisRect()->width(),
                 qPrintable(QStringLiteral("%1 labels of %2 px on %3 px")
                                .arg(ticks.size())
                                .arg(widest)
                                .arg(x->axisRect()->width())));
        for (int i = 1; i < ticks.size(); ++i)
            QVERIFY2(ticks[i].first - ticks[i - 1].first >= widest,
                     qPrintable(ticks[i - 1].second + QStringLiteral(" touches ") + ticks[i].second));
    }

    void legendSitsOutsideThePlot()
    {
        HistoryChart chart;
        chart.setSamples(hourOf(6));
        chartinspect::layOut(&chart, chart.plot(), QSize(700, 420));
        QCustomPlot *plot = chart.plot();
        QVERIFY(plot->legend->visible());
        QVERIFY2(!plot->legend->outerRect().intersects(plot->axisRect()->rect()), "the legend covers the lines");
    }

    void oneSampleIsSaidInWords()
    {
        HistoryChart chart;
        chart.setSamples(hourOf(6).mid(0, 1));
        QVERIFY2(chartinspect::visibleTexts(chart.plot()).contains(QLatin1String("One sample so far")),
                 qPrintable(chartinspect::visibleTexts(chart.plot())));
        chart.appendSample(sample(QDateTime::currentDateTimeUtc(), 1, 1, 6));
        QCOMPARE(chartinspect::visibleTexts(chart.plot()), QString());
    }
};

QTEST_MAIN(TestHistoryChart)
#include "tst_historychart.moc"
