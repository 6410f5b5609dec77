// The timeline's pgBackRest part, from the values PitrJobs hands it: the stanza's backups are points on their own
// row, full / differential / incremental drawn apart, each with a tooltip naming label, type and size; the
// point-in-time window is a band with its ends in the tooltip; a reading without a stanza takes them away again.
#include "chartinspect.h"
#include "charts/backuptimeline.h"
#include "core/format.h"

#include <QSignalSpy>
#include <QtTest/QTest>
#include <qcustomplot.h>

using namespace dbops;

namespace {

const QDateTime kT0 = QDateTime(QDate(2026, 12, 1), QTime(2, 0), QTimeZone::utc());

PitrBackup backup(const QString &label, const QString &type, int hours, qint64 bytes)
{
    PitrBackup b;
    b.label = label;
    b.type = type;
    b.start = kT0.addSecs(hours * 3600);
    b.stop = b.start.addSecs(90);
    b.bytes = bytes;
    b.repoBytes = bytes / 4;
    return b;
}

PitrReading stanza()
{
    PitrReading r;
    r.found = true;
    r.info.engine = QStringLiteral("pgbackrest");
    r.info.stanza = QStringLiteral("trading");
    r.info.status = QStringLiteral("ok");
    r.info.backups = {backup(QStringLiteral("20261201-020000F"), QStringLiteral("full"), 0, 3 << 20),
                      backup(QStringLiteral("20261201-020000F_20261201-080000D"), QStringLiteral("diff"), 6, 1 << 20),
                      backup(QStringLiteral("20261201-020000F_20261201-120000I"), QStringLiteral("incr"), 10, 1 << 19)};
    r.info.restorableFrom = r.info.backups.first().stop;
    r.info.restorableTo = kT0.addSecs(12 * 3600);
    return r;
}

QCPGraph *graphNamed(const QCustomPlot *plot, const QString &name)
{
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name() == name)
            return plot->graph(i);
    return nullptr;
}

int pointsOf(const QCustomPlot *plot, const QString &graphName)
{
    const QCPGraph *g = graphNamed(plot, graphName);
    return g ? g->dataCount() : -1;
}

} // namespace

class TestBackupTimelinePitr : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eachBackupIsAPointOfItsType_data()
    {
        QTest::addColumn<QString>("graph");
        QTest::newRow("full") << "pgBackRest full backup";
        QTest::newRow("diff") << "pgBackRest differential backup";
        QTest::newRow("incr") << "pgBackRest incremental backup";
    }
    void eachBackupIsAPointOfItsType()
    {
        QFETCH(QString, graph);
        BackupTimeline timeline;
        timeline.setPitr(stanza());
        QCOMPARE(timeline.pitrPointCount(), 3);
        QCOMPARE(pointsOf(timeline.plot(), graph), 1);
    }

    void theThreeTypesLookApart()
    {
        BackupTimeline timeline;
        const QSet<int> shapes{timeline.pitrShape(QStringLiteral("full")), timeline.pitrShape(QStringLiteral("diff")),
                               timeline.pitrShape(QStringLiteral("incr"))};
        QCOMPARE(shapes.size(), 3);
    }

    void aPointsTooltipNamesLabelTypeAndSize()
    {
        BackupTimeline timeline;
        chartinspect::layOut(&timeline, timeline.plot(), QSize(900, 260));
        timeline.setPitr(stanza());
        timeline.plot()->replot();
        const QString label = QStringLiteral("20261201-020000F_20261201-080000D");
        const QPoint at = timeline.pitrPointOf(label);
        QVERIFY(at.x() >= 0);
        const QString tip = timeline.toolTipAt(at);
        QVERIFY2(tip.contains(label), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("differential")), qPrintable(tip));
        QVERIFY2(tip.contains(Format::bytes(1 << 20)), qPrintable(tip));
    }

    void theWindowIsABandWithItsEnds()
    {
        BackupTimeline timeline;
        chartinspect::layOut(&timeline, timeline.plot(), QSize(900, 260));
        timeline.setPitr(stanza());
        timeline.plot()->replot();
        QVERIFY(timeline.hasPitrWindow());
        QCPGraph *band = graphNamed(timeline.plot(), QStringLiteral("pgBackRest: point-in-time window"));
        QVERIFY(band && band->visible() && timeline.plot()->legend->hasItemWithPlottable(band));
        const QPoint inside = timeline.pitrWindowPointOf(kT0.addSecs(4 * 3600));
        QVERIFY(inside.x() >= 0);
        const QString tip = timeline.toolTipAt(inside);
        QVERIFY2(tip.contains(QStringLiteral("can restore any moment")), qPrintable(tip));
        QCOMPARE(timeline.pitrWindowPointOf(kT0.addSecs(13 * 3600)), QPoint(-1, -1));
        QVERIFY(timeline
                    .toolTipAt(
                        QPoint(timeline.plot()->xAxis->coordToPixel(kT0.addSecs(-7200).toSecsSinceEpoch()), inside.y()))
                    .isEmpty());
    }

    void aClickInTheWindowAsksForASideInstanceAtThatSecond()
    {
        BackupTimeline timeline;
        chartinspect::layOut(&timeline, timeline.plot(), QSize(900, 260));
        timeline.setPitr(stanza());
        timeline.plot()->replot();
        QSignalSpy asked(&timeline, &BackupTimeline::pitrMomentClicked);
        const QDateTime moment = kT0.addSecs(4 * 3600);
        const QPoint inside = timeline.pitrWindowPointOf(moment);
        QTest::mouseClick(timeline.plot(), Qt::LeftButton, {}, inside);
        QCOMPARE(asked.count(), 1);
        const QDateTime at = asked.first().first().toDateTime();
        QCOMPARE(at.time().msec(), 0); // a whole second
        // one pixel of the plot is about a minute of the window's 12 hours
        QVERIFY2(qAbs(at.secsTo(moment)) <= 120, qPrintable(at.toString(Qt::ISODate)));
        QCOMPARE(at, timeline.pitrMomentAt(inside));
    }

    void aClickOutsideTheWindowAsksForNothing()
    {
        BackupTimeline timeline;
        chartinspect::layOut(&timeline, timeline.plot(), QSize(900, 260));
        timeline.setPitr(stanza());
        timeline.plot()->replot();
        QSignalSpy asked(&timeline, &BackupTimeline::pitrMomentClicked);
        const QPoint inside = timeline.pitrWindowPointOf(kT0.addSecs(4 * 3600));
        const int before = int(timeline.plot()->xAxis->coordToPixel(kT0.addSecs(-7200).toSecsSinceEpoch()));
        QTest::mouseClick(timeline.plot(), Qt::LeftButton, {}, QPoint(before, inside.y()));
        QCOMPARE(asked.count(), 0);
    }

    void aReadingWithoutAStanzaTakesThemAway()
    {
        BackupTimeline timeline;
        timeline.setPitr(stanza());
        timeline.setPitr(PitrReading());
        QCOMPARE(timeline.pitrPointCount(), 0);
        QVERIFY(!timeline.hasPitrWindow());
        QCOMPARE(pointsOf(timeline.plot(), QStringLiteral("pgBackRest full backup")), 0);
        QVERIFY(!timeline.note().isEmpty()); // nothing drawn: the note says so again
    }
};

QTEST_MAIN(TestBackupTimelinePitr)
#include "tst_backuptimelinepitr.moc"
