#pragma once
// What a chart test looks at in a QCustomPlot: the note written across it, its tick labels' placement, its
// text items. Header-only, shared by the tests in this folder.
#include <QApplication>
#include <QFontMetrics>
#include <QtTest/QTest>
#include <qcustomplot.h>

namespace chartinspect {

// Shows `chart` at `size` and lets the plot lay itself out (a chart replots once more when the layout moved).
inline void layOut(QWidget *chart, QCustomPlot *plot, const QSize &size)
{
    chart->resize(size);
    chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(chart));
    for (int i = 0; i < 3; ++i) {
        plot->replot();
        QCoreApplication::processEvents();
    }
}

// Visible text items' texts, joined with '|'.
inline QString visibleTexts(const QCustomPlot *plot)
{
    QStringList texts;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto *t = qobject_cast<QCPItemText *>(plot->item(i)); t && t->visible())
            texts << t->text();
    return texts.join(QLatin1Char('|'));
}

// The axis's tick labels inside its range, with their pixel position along the axis.
inline QList<QPair<double, QString>> ticksOf(QCPAxis *axis)
{
    QList<QPair<double, QString>> ticks;
    const QVector<double> at = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    for (int i = 0; i < at.size(); ++i)
        if (axis->range().contains(at[i]))
            ticks << qMakePair(axis->coordToPixel(at[i]), labels.value(i));
    return ticks;
}

} // namespace chartinspect
