// The Schedules section lists the schedules of the unit folder, read on the file worker, and says when systemd
// is not running (then Enable / Disable / Run now stay off: there is nothing to drive).
#include "panels/schedulespanel.h"
#include "schedule/scheduleunits.h"
#include "worker/dbworker.h"

#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace dbops;

class TestSchedulesPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
        qputenv("DBOPS_SYSTEMCTL", m_dir.filePath(QStringLiteral("no-systemctl")).toUtf8());
        ScheduleSpec spec;
        spec.name = QStringLiteral("dbops-drill-trading");
        spec.job = QStringLiteral("drill");
        spec.target = QStringLiteral("trading");
        spec.every = QStringLiteral("daily");
        spec.onCalendar = QStringLiteral("daily");
        spec.program = QStringLiteral("/usr/bin/dbops");
        QVERIFY(!ScheduleUnits(false).add(spec));
    }

    void listsTheSchedulesAndSaysSystemdIsNotRunning()
    {
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        SchedulesPanel panel(&files);
        panel.refresh();
        QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() == 1; }, 30000));
        QCOMPARE(panel.model()->item(0, 0)->text(), QStringLiteral("dbops-drill-trading"));
        QCOMPARE(panel.model()->item(0, 6)->text(), QStringLiteral("never ran"));
        QVERIFY2(panel.noteText().startsWith(QStringLiteral("systemd not running")), qPrintable(panel.noteText()));
        panel.findChild<QTableView *>(QStringLiteral("schedulesTable"))->selectRow(0);
        QVERIFY(!panel.findChild<QToolButton *>(QStringLiteral("schedulesRunNow"))->isEnabled());
    }
};

QTEST_MAIN(TestSchedulesPanel)
#include "tst_schedulespanel.moc"
