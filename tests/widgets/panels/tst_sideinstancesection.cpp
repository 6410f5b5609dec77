// The Backups tab's side-instance list follows SideInstanceRegistry at each reading of the stanza (PitrJobs::read,
// on a worker as the tab reads it): a side instance stopped elsewhere, or whose directory went, leaves the list; a
// reading of the target open before never enters the new target's list. The side instances are real registry
// entries and markers (written by dbops's own code) for directories the test makes: nothing is started. The
// targets point at a closed port: the list needs no server.
#include "clirunner.h"
#include "common/tableviews.h"
#include "item/itemroles.h"
#include "log/logging.h"
#include "panels/sideinstancesection.h"
#include "pitr/sideinstanceregistry.h"
#include "session/targetsession.h"
#include "worker/dbworker.h"

#include <QDir>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace dbops;
using dbops::test::CliResult;
using dbops::test::CliRunner;

namespace {
Target pgTarget(const QString &dbname)
{
    PgParams p;
    p.host = QStringLiteral("127.0.0.1");
    p.port = 1; // nothing listens: the monitor fails at once, the list is read from files only
    p.user = QStringLiteral("bot");
    p.dbname = dbname;
    return Target::postgres(p);
}
} // namespace

class TestSideInstanceSection : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    const Target m_a = pgTarget(QStringLiteral("side_a"));
    const Target m_b = pgTarget(QStringLiteral("side_b"));

    // A side instance of `live` as `dbops restore --side-instance` leaves it: its marker, and the registry entry.
    QString makeSide(const Target &live, const QString &name)
    {
        const QString dir = m_tmp.filePath(name);
        if (!QDir().mkpath(dir))
            return {};
        SideInstanceMarker marker;
        marker.port = 55432;
        marker.source = live.display();
        marker.stanza = QStringLiteral("main");
        marker.restoredTo = QDateTime::currentDateTimeUtc().addSecs(-600);
        marker.createdAt = QDateTime::currentDateTimeUtc();
        if (marker.write(dir) || SideInstanceRegistry::add(dir))
            return {};
        return QFileInfo(dir).absoluteFilePath();
    }

    // The tab's reading of `target`, made on a worker.
    static PitrReading read(const Target &target)
    {
        DbWorker files(Target{}, SessionOptions::action(), QStringLiteral("files"));
        QSignalSpy finished(&files, &DbWorker::jobFinished);
        files.submit(QStringLiteral("read pitr"), PitrJobs::read(target), false);
        if (!finished.wait(30000))
            return {};
        return finished.at(0).at(1).value<PitrReading>();
    }

    static QStringList listed(const SideInstanceSection &section)
    {
        const QAbstractItemModel *m = section.findChild<QTableView *>(QStringLiteral("sideList"))->model();
        QStringList dirs;
        for (int row = 0; row < m->rowCount(); ++row)
            dirs << m->index(row, 0).data(ItemRole::KeyRole).toString();
        return dirs;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_tmp.filePath(QLatin1String(var)).toUtf8());
        Logging::setup(Logging::Mode::Gui);
    }

    void aSideInstanceGoneElsewhereLeavesTheList_data()
    {
        QTest::addColumn<bool>("byTheCli");
        QTest::newRow("dbops side-instance --stop DIR --yes") << true;
        QTest::newRow("its directory removed by hand") << false;
    }
    void aSideInstanceGoneElsewhereLeavesTheList()
    {
        QFETCH(bool, byTheCli);
        const QString dir = makeSide(m_a, QStringLiteral("gone-%1").arg(QTest::currentDataTag()).remove(' '));
        QVERIFY(!dir.isEmpty());
        TargetSession session;
        session.open(m_a);
        DbWorker files(Target{}, SessionOptions::action(), QStringLiteral("files"));
        SideInstanceSection section(&session, &files);
        section.setPitr(read(m_a));
        QCOMPARE(listed(section), QStringList{dir});
        if (byTheCli) {
            const CliResult stop = CliRunner::run(
                {QStringLiteral("side-instance"), QStringLiteral("--stop"), dir, QStringLiteral("--yes")});
            QVERIFY2(stop.exitCode == 0, stop.err.constData());
        } else {
            QVERIFY(QDir(dir).removeRecursively());
        }
        section.setPitr(read(m_a)); // the tab's next refresh
        QCOMPARE(listed(section), QStringList());
    }

    // The target changed while its reading was on its way: the tab sends an empty reading, then the new one.
    void aReadingOfTheTargetBeforeStaysOutOfTheList_data()
    {
        QTest::addColumn<bool>("afterTheNewReading");
        QTest::newRow("before the new target's reading") << false;
        QTest::newRow("after the new target's reading") << true;
    }
    void aReadingOfTheTargetBeforeStaysOutOfTheList()
    {
        QFETCH(bool, afterTheNewReading);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).remove(QLatin1Char(' '));
        const QString ofA = makeSide(m_a, QStringLiteral("a-") + tag);
        const QString ofB = makeSide(m_b, QStringLiteral("b-") + tag);
        QVERIFY(!ofA.isEmpty() && !ofB.isEmpty());
        TargetSession session;
        session.open(m_a);
        DbWorker files(Target{}, SessionOptions::action(), QStringLiteral("files"));
        SideInstanceSection section(&session, &files);
        const PitrReading late = read(m_a);
        QVERIFY(!late.sides.isEmpty());
        session.open(m_b);
        section.setPitr(PitrReading());
        const PitrReading ofNew = read(m_b);
        if (afterTheNewReading)
            section.setPitr(ofNew);
        section.setPitr(late);
        QVERIFY(!listed(section).contains(ofA));
        QCOMPARE(listed(section).contains(ofB), afterTheNewReading);
    }
};

QTEST_MAIN(TestSideInstanceSection)
#include "tst_sideinstancesection.moc"
