// The GUI's main thread while it restores a store to a moment (issue 15, "Goals": it never stalls > 50 ms). Not a
// test, never part of ctest; run-gui-stall-bench.sh drives it:
//
//   restoreat_stall_bench STORE REPLICA_DIR TIME
//
// opens the console's main window (offscreen) on STORE with REPLICA_DIR as its replica folder, shows the Backups
// tab, asks for TIME as a click on the timeline's replica band does, types the confirmation into the restore
// dialog and clicks Restore, and waits for the end. A 10 ms timer on the main thread records how late each tick
// comes; prints the largest gap of the preview and of the restore, and the restore's outcome.
#include "charts/backuptimeline.h"
#include "dialogs/restoredialog.h"
#include "log/logging.h"
#include "mainwindow.h"
#include "panels/backupspanel.h"
#include "session/backupactions.h"
#include "session/targetsession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTextStream>
#include <QTimer>
#include <algorithm>

using namespace dbops;

namespace {

constexpr int kTickMs = 10;
constexpr int kWaitMs = 30 * 60 * 1000;

// The largest lateness of a 10 ms main-thread timer since the last reset().
class StallMeter {
public:
    StallMeter()
    {
        m_clock.start();
        m_last = m_clock.nsecsElapsed();
        m_tick.setTimerType(Qt::PreciseTimer);
        m_tick.setInterval(kTickMs);
        QObject::connect(&m_tick, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_maxGapMs = std::max(m_maxGapMs, (now - m_last) / 1e6);
            m_last = now;
            ++m_ticks;
        });
        m_tick.start();
    }
    void reset() { m_maxGapMs = 0, m_ticks = 0; }
    double maxGapMs() const { return m_maxGapMs; }
    int ticks() const { return m_ticks; }

private:
    QElapsedTimer m_clock;
    QTimer m_tick;
    qint64 m_last = 0;
    double m_maxGapMs = 0;
    int m_ticks = 0;
};

QString line(const char *phase, const StallMeter &meter, qint64 ms)
{
    return QStringLiteral("%1: %2 s, %3 ticks, largest gap between ticks %4 ms (timer %5 ms)")
        .arg(QLatin1String(phase))
        .arg(ms / 1000.0, 0, 'f', 2)
        .arg(meter.ticks())
        .arg(meter.maxGapMs(), 0, 'f', 1)
        .arg(kTickMs);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    const QDateTime at = QDateTime::fromString(args.value(3), Qt::ISODateWithMs);
    if (args.size() != 4 || !at.isValid()) {
        QTextStream(stderr) << "usage: restoreat_stall_bench STORE REPLICA_DIR TIME (ISO-8601)\n";
        return 3;
    }
    Logging::setup(Logging::Mode::Gui);
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    w.openTarget(Target::sqliteFile(args[1]));
    if (!QTest::qWaitFor([&] { return w.session()->target().path == args[1]; }, 30000))
        return 2;
    w.backupsPanel()->setReplicaDir(args[2]); // after the target: a new target resets it to its profile's
    w.findChild<QTabWidget *>(QStringLiteral("panelTabs"))->setCurrentWidget(w.backupsPanel());
    QTest::qWait(2000); // the tab's first refresh settles

    int outcome = -1;
    QString said;
    QObject::connect(w.backupActions(), &BackupActions::succeeded, [&](const QString &s) { outcome = 0, said = s; });
    QObject::connect(w.backupActions(), &BackupActions::failed,
                     [&](const Error &e) { outcome = 2, said = e.oneLine(); });
    StallMeter meter;
    QElapsedTimer phase;
    phase.start();
    Q_EMIT w.findChild<BackupTimeline *>()->momentClicked(at); // a click inside the replica band
    if (!QTest::qWaitFor([&] { return w.backupActions()->restoreDialog() != nullptr || outcome >= 0; }, kWaitMs) ||
        outcome >= 0) {
        QTextStream(stderr) << "restoreat_stall_bench: no restore preview: " << said << '\n';
        return 2;
    }
    out << line("preview (Litestream restore, verify, impact)", meter, phase.elapsed()) << Qt::endl;

    RestoreDialog *dialog = w.backupActions()->restoreDialog();
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("restoreConfirm")),
                     dialog->plan().confirmationName());
    meter.reset();
    phase.restart();
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("restoreButton")), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return outcome >= 0; }, kWaitMs))
        said = QStringLiteral("no end after %1 min").arg(kWaitMs / 60000);
    out << line("restore (safety backup, restore into the store, check)", meter, phase.elapsed()) << Qt::endl
        << "outcome: " << (outcome == 0 ? "restored: " : "failed: ") << said << Qt::endl;
    return outcome == 0 ? 0 : 2;
}
