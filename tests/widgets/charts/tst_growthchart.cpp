// The Health tab's growth chart: one scan is said in words (no lone dot); the y axis follows the sizes, so a
// store that grows by a few percent shows it.
#include "chartinspect.h"
#include "charts/growthchart.h"

#include <QtTest/QTest>
#include <qcustomplot.h>

using namespace dbops;

namespace {
HealthSnapshot snapshot(const QDateTime &at, double mib)
{
    HealthSnapshot s;
    s.at = at;
    s.totalBytes = qint64(mib * 1024 * 1024);
    return s;
}
} // namespace

class TestGrowthChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void oneScanIsSaidInWords()
    {
        GrowthChart chart;
        chart.setSnapshots({snapshot(QDateTime::currentDateTimeUtc(), 12)});
        QVERIFY2(chart.note().contains(QLatin1String("One scan so far")), qPrintable(chart.note()));
        QCOMPARE(chart.plot()->graph(0)->scatterStyle().shape(), QCPScatterStyle::ssNone);
    }

    void yAxisFollowsTheSizes()
    {
        GrowthChart chart;
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-2);
        chart.setSnapshots({snapshot(t0, 100), snapshot(t0.addDays(1), 102), snapshot(t0.addDays(2), 104)});
        QCOMPARE(chart.note(), QString());
        const QCPRange y = chart.plot()->yAxis->range();
        QVERIFY2(y.lower > 90 && y.upper < 115, qPrintable(QStringLiteral("%1..%2").arg(y.lower).arg(y.upper)));
    }
};

QTEST_MAIN(TestGrowthChart)
#include "tst_growthchart.moc"
