// The Schedules section lists the schedules of the unit folder, read on the file worker, and says when systemd
// is not running (then Enable / Disable / Run now stay off: there is nothing to drive). "Add schedule…" writes the
// units it showed, on the worker, and says what is wrong under the fields; "Remove…" asks for the name typed.
// No real systemd is touched: XDG_CONFIG_HOME is a temporary folder and DBOPS_SYSTEMCTL names no program.
#include "cleanup/confirmdialog.h"
#include "common/errorbanner.h"
#include "dialogs/scheduledialog.h"
#include "panels/cleanuppanel.h"
#include "panels/schedulespanel.h"
#include "schedule/scheduleunits.h"
#include "worker/dbworker.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace dbops;

namespace {

ScheduleSpec drillSpec(const QString &name)
{
    ScheduleSpec spec;
    spec.name = name;
    spec.job = QStringLiteral("drill");
    spec.target = QStringLiteral("trading");
    spec.every = QStringLiteral("daily");
    spec.onCalendar = QStringLiteral("daily");
    spec.program = QStringLiteral("/usr/bin/dbops");
    return spec;
}

QString unitText(const QString &file)
{
    QFile f(ScheduleUnits(false).dir() + QLatin1Char('/') + file);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

int rowOf(const SchedulesPanel &panel, const QString &name)
{
    for (int row = 0; row < panel.model()->rowCount(); ++row)
        if (panel.model()->item(row, 0)->text() == name)
            return row;
    return -1;
}

} // namespace

class TestSchedulesPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Target m_store;

    void click(SchedulesPanel &panel, const char *name)
    {
        auto *b = panel.findChild<QToolButton *>(QLatin1String(name));
        QVERIFY(b && b->isEnabled());
        QTest::mouseClick(b, Qt::LeftButton);
    }
    // A panel on the store, its list read, and its Add dialog open.
    ScheduleDialog *openAdd(SchedulesPanel &panel)
    {
        panel.setTarget(m_store);
        panel.refresh();
        if (!QTest::qWaitFor([&] { return panel.model()->rowCount() > 0; }, 30000))
            return nullptr;
        click(panel, "schedulesAdd");
        return panel.scheduleDialog();
    }
    static void fill(ScheduleDialog *d, const QString &every, const QString &options, const QString &name)
    {
        for (auto [field, text] :
             {std::pair{"scheduleEvery", every}, {"scheduleOptions", options}, {"scheduleName", name}}) {
            auto *edit = d->findChild<QLineEdit *>(QLatin1String(field));
            edit->clear();
            QTest::keyClicks(edit, text);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
        qputenv("DBOPS_SYSTEMCTL", m_dir.filePath(QStringLiteral("no-systemctl")).toUtf8());
        QVERIFY(!ScheduleUnits(false).add(drillSpec(QStringLiteral("dbops-drill-trading"))));
        m_store = Target::sqliteFile(m_dir.filePath(QStringLiteral("trading.db")));
    }

    void listsTheSchedulesAndSaysSystemdIsNotRunning()
    {
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        SchedulesPanel panel(&files);
        panel.refresh();
        QVERIFY(QTest::qWaitFor([&] { return rowOf(panel, QStringLiteral("dbops-drill-trading")) >= 0; }, 30000));
        const int row = rowOf(panel, QStringLiteral("dbops-drill-trading"));
        QCOMPARE(panel.model()->item(row, 6)->text(), QStringLiteral("never ran"));
        QVERIFY2(panel.noteText().startsWith(QStringLiteral("systemd not running")), qPrintable(panel.noteText()));
        panel.findChild<QTableView *>(QStringLiteral("schedulesTable"))->selectRow(row);
        QVERIFY(!panel.findChild<QToolButton *>(QStringLiteral("schedulesRunNow"))->isEnabled());
    }

    void addWritesOnTheWorkerTheUnitsItShowed()
    {
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        QSignalSpy started(&files, &DbWorker::jobStarted);
        SchedulesPanel panel(&files);
        ScheduleDialog *dialog = openAdd(panel);
        QVERIFY(dialog);
        dialog->findChild<QComboBox *>(QStringLiteral("scheduleJob"))->setCurrentText(QStringLiteral("backup"));
        fill(dialog, QStringLiteral("6h"), QStringLiteral("--out /srv/backups"), QStringLiteral("backup-6h"));
        const QString preview = dialog->previewText();
        QVERIFY2(preview.contains(QStringLiteral("OnCalendar=*-*-* 0/6:00:00")), qPrintable(preview));
        QVERIFY2(
            preview.contains(
                QStringLiteral("\"backup\" \"--db\" \"%1\" \"--json\" \"--out\" \"/srv/backups\"").arg(m_store.path)),
            qPrintable(preview));
        QVERIFY(!QFile::exists(ScheduleUnits(false).dir() + QStringLiteral("/backup-6h.service")));
        if (const QString shots = qEnvironmentVariable("DBOPS_SHOTS"); !shots.isEmpty())
            QVERIFY(dialog->grab().save(shots + QStringLiteral("/schedule-dialog.png")));
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return rowOf(panel, QStringLiteral("backup-6h")) >= 0; }, 30000));
        QVERIFY(!panel.scheduleDialog()); // closed once written
        const QString service = unitText(QStringLiteral("backup-6h.service"));
        const QString timer = unitText(QStringLiteral("backup-6h.timer"));
        QVERIFY(!service.isEmpty() && !timer.isEmpty());
        QVERIFY2(preview.contains(service) && preview.contains(timer), qPrintable(preview)); // exactly what it showed
        bool onWorker = false;
        for (const QList<QVariant> &s : started)
            onWorker |= s.at(1).toString() == QLatin1String("add schedule");
        QVERIFY(onWorker);
    }

    void saysWhatIsWrongUnderTheFields_data()
    {
        QTest::addColumn<QString>("every");
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("said");
        QTest::newRow("period") << "every tuesday"
                                << ""
                                << ""
                                << "is not a period dbops understands";
        QTest::newRow("no period") << ""
                                   << ""
                                   << ""
                                   << "Say how often it runs";
        QTest::newRow("store in options") << "1h"
                                          << "--db /other.db"
                                          << ""
                                          << "Leave --db out of the options";
        QTest::newRow("open quote") << "1h"
                                    << "--out \"/srv/b"
                                    << ""
                                    << "A quote in the options is not closed";
        QTest::newRow("name") << "1h"
                              << ""
                              << "my schedule!"
                              << "cannot be a schedule's name";
        QTest::newRow("taken name") << "1h"
                                    << ""
                                    << "dbops-drill-trading"
                                    << "exists already";
    }

    void saysWhatIsWrongUnderTheFields()
    {
        QFETCH(QString, every);
        QFETCH(QString, options);
        QFETCH(QString, name);
        QFETCH(QString, said);
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        SchedulesPanel panel(&files);
        ScheduleDialog *dialog = openAdd(panel);
        QVERIFY(dialog);
        fill(dialog, every, options, name);
        QVERIFY2(dialog->problemText().contains(said), qPrintable(dialog->problemText()));
        QVERIFY(!dialog->addButton()->isEnabled());
        QVERIFY(dialog->previewText().isEmpty());
    }

    void aUnitTheWorkerCannotWriteIsSaidInTheDialog()
    {
        QFile foreign(ScheduleUnits(false).dir() + QStringLiteral("/mine.timer")); // not a dbops unit: not listed
        QVERIFY(foreign.open(QIODevice::WriteOnly));
        foreign.write("[Timer]\nOnCalendar=daily\n");
        foreign.close();
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        SchedulesPanel panel(&files);
        ScheduleDialog *dialog = openAdd(panel);
        QVERIFY(dialog);
        fill(dialog, QStringLiteral("daily"), QString(), QStringLiteral("mine"));
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return !dialog->problemText().isEmpty(); }, 30000));
        QVERIFY2(dialog->problemText().contains(QStringLiteral("a unit named mine exists")),
                 qPrintable(dialog->problemText()));
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->addButton()->isEnabled());
        QVERIFY(!QFile::exists(ScheduleUnits(false).dir() + QStringLiteral("/mine.service")));
    }

    void removeAsksForTheNameTypedThenRemovesTheUnits()
    {
        QVERIFY(!ScheduleUnits(false).add(drillSpec(QStringLiteral("to-remove"))));
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        SchedulesPanel panel(&files);
        panel.refresh();
        QVERIFY(QTest::qWaitFor([&] { return rowOf(panel, QStringLiteral("to-remove")) >= 0; }, 30000));
        panel.findChild<QTableView *>(QStringLiteral("schedulesTable"))
            ->selectRow(rowOf(panel, QStringLiteral("to-remove")));
        click(panel, "schedulesRemove");
        ConfirmDialog *confirm = panel.confirmDialog();
        QVERIFY(confirm);
        QVERIFY(!confirm->confirmButton()->isEnabled());
        QTest::keyClicks(confirm->input(), QStringLiteral("to-remov"));
        QVERIFY(!confirm->confirmButton()->isEnabled());
        QTest::keyClicks(confirm->input(), QStringLiteral("e"));
        QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return rowOf(panel, QStringLiteral("to-remove")) < 0; }, 30000));
        QVERIFY(!QFile::exists(ScheduleUnits(false).dir() + QStringLiteral("/to-remove.timer")));
        QVERIFY(!QFile::exists(ScheduleUnits(false).dir() + QStringLiteral("/to-remove.service")));
    }

    void addFollowsTheCleanupTabsStore()
    {
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        DbWorker ops(Target{}, SessionOptions::monitor(), QStringLiteral("ops"));
        CleanupPanel cleanup(&ops);
        auto *panel = new SchedulesPanel(&files);
        cleanup.addSection(QStringLiteral("Schedules"), panel);
        auto *add = panel->findChild<QToolButton *>(QStringLiteral("schedulesAdd"));
        QVERIFY(!add->isEnabled());
        cleanup.setTarget(m_store);
        QVERIFY(add->isEnabled());
        QTest::mouseClick(add, Qt::LeftButton);
        QVERIFY(panel->scheduleDialog());
        QCOMPARE(panel->scheduleDialog()->findChild<QLabel *>(QStringLiteral("scheduleStore"))->text(), m_store.path);
    }
};

QTEST_MAIN(TestSchedulesPanel)
#include "tst_schedulespanel.moc"
