// The horizontal bar chart (overview, largest tables): every value label, written after its bar, ends inside
// the plot at any width; counts tick in whole numbers.
#include "chartinspect.h"
#include "charts/horizontalbarchart.h"

#include <QtTest/QTest>
#include <cmath>
#include <qcustomplot.h>

using namespace dbops;

class TestHorizontalBarChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valueLabelsEndInsideThePlot_data()
    {
        QTest::addColumn<int>("width");
        QTest::newRow("narrow") << 300;
        QTest::newRow("medium") << 520;
        QTest::newRow("wide") << 1100;
    }
    void valueLabelsEndInsideThePlot()
    {
        QFETCH(int, width);
        HorizontalBarChart chart;
        QList<HorizontalBarChart::Bar> bars;
        const double sizes[] = {1843.7, 1210.2, 96.4, 3.1};
        for (double mib : sizes)
            bars << HorizontalBarChart::Bar{QStringLiteral("table_%1").arg(int(mib)), mib,
                                            QStringLiteral("%1 MiB (with indexes)").arg(mib, 0, 'f', 1)};
        chart.setBars(bars, QStringLiteral("MiB"));
        chartinspect::layOut(&chart, chart.plot(), QSize(width, 300));
        QCustomPlot *plot = chart.plot();
        const QRect area = plot->axisRect()->rect();
        int labels = 0;
        for (int i = 0; i < plot->itemCount(); ++i) {
            auto *text = qobject_cast<QCPItemText *>(plot->item(i));
            if (!text)
                continue;
            ++labels;
            const double right = text->right->pixelPosition().x();
            QVERIFY(text->left->pixelPosition().x() >= area.left());
            QVERIFY2(right <= area.right() + 1, qPrintable(QStringLiteral("\"%1\" ends at %2, the plot at %3")
                                                               .arg(text->text())
                                                               .arg(right)
                                                               .arg(area.right())));
        }
        QCOMPARE(labels, 4);
    }

    void countsTickInWholeNumbers()
    {
        HorizontalBarChart chart;
        chart.setBars(
            {{QStringLiteral("In use"), 2, QStringLiteral("2")}, {QStringLiteral("Reserved"), 1, QStringLiteral("1")}},
            QStringLiteral("connections"));
        chartinspect::layOut(&chart, chart.plot(), QSize(600, 200));
        const auto ticks = chartinspect::ticksOf(chart.plot()->xAxis);
        QVERIFY(ticks.size() >= 2);
        for (const auto &t : ticks)
            QVERIFY2(!t.second.contains(QLatin1Char('.')), qPrintable(t.second));
    }
};

QTEST_MAIN(TestHorizontalBarChart)
#include "tst_horizontalbarchart.moc"
