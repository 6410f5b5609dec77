// The activity benchmark's client (run-activity-bench.sh drives it; not a test, never part of ctest):
//
//   activity_bench load URI CONNECTIONS       opens a bot-like load of exactly CONNECTIONS sessions on the database
//                                             (tests/support/loadgen), prints "ready", holds it until SIGTERM
//   activity_bench refresh URI COUNT DIR      the GUI's refresh (ActivityMonitor::refreshNow on its worker thread):
//                                             two warm-up refreshes, then touches DIR/warm and waits for DIR/go (the
//                                             script resets pg_stat_statements in between), then COUNT refreshes
//   activity_bench gui URI SECONDS [PNG...]   the Activity panel (offscreen) refreshing every second against the load;
//                                             a 10 ms timer on the main thread records how late each tick comes; each
//                                             PNG is a grab of the next tab (URI may also be a SQLite file)
//
// URI: postgresql://user@host:port/db (the password from PGPASSFILE).
#include "activity/activitymonitor.h"
#include "charts/historychart.h"
#include "connection/targetparser.h"
#include "loadgen.h"
#include "panels/activitypanel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <csignal>

using namespace dbops;

namespace {

std::atomic_bool g_stop{false};

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * (values.size() - 1) + 0.5)));
}

int usage()
{
    QTextStream(stderr)
        << "usage: activity_bench load URI CONNECTIONS | refresh URI COUNT DIR | gui URI SECONDS [PNG...]\n";
    return 3;
}

// A pool going wrong, as in the issue: slow statements, a lock chain, sessions idle in transaction (some
// aborted), and the rest leaked idle. Exactly `connections` sessions.
int runLoad(const Target &target, int connections)
{
    test::LoadSpec spec;
    spec.application = QStringLiteral("trading_bot");
    spec.slow = 10;
    spec.slowSeconds = 3600;
    spec.chainWaiters = 9; // + the holder: 10 sessions
    spec.idleInTransaction = 20;
    spec.aborted = 5;
    spec.idle = connections - 45;
    if (spec.idle < 0)
        return usage();
    test::LoadGenerator load(target);
    if (const Error e = load.start(spec, 180000)) {
        QTextStream(stderr) << "activity_bench: " << e.oneLine() << '\n';
        return 2;
    }
    out() << "ready " << load.total() << Qt::endl;
    std::signal(SIGTERM, [](int) { g_stop = true; });
    std::signal(SIGINT, [](int) { g_stop = true; });
    while (!g_stop)
        QThread::msleep(50);
    load.stop();
    return 0;
}

int runRefresh(const Target &target, int count, const QString &dir)
{
    constexpr int warmUp = 2;
    ActivityMonitor monitor(target);
    monitor.setStateFile(QDir(dir).filePath(QStringLiteral("state.db")));
    QList<double> wallMs;
    QElapsedTimer clock;
    int done = 0;
    int code = 0;
    auto next = [&] {
        clock.start();
        monitor.refreshNow();
    };
    QTimer waitForGo;
    waitForGo.setInterval(10);
    QObject::connect(&waitForGo, &QTimer::timeout, [&] {
        if (!QFile::exists(QDir(dir).filePath(QStringLiteral("go"))))
            return;
        waitForGo.stop();
        next();
    });
    QObject::connect(&monitor, &ActivityMonitor::refreshed, [&](const PoolSnapshot &pool, const SlowSnapshot &) {
        const double ms = clock.nsecsElapsed() / 1e6;
        ++done;
        if (done > warmUp)
            wallMs << ms;
        if (done == warmUp) {
            out() << "warm: " << (pool.pg ? pool.pg->total : 0) << " connections seen" << Qt::endl;
            QFile(QDir(dir).filePath(QStringLiteral("warm"))).open(QIODevice::WriteOnly);
            waitForGo.start();
        } else if (done < warmUp + count) {
            next();
        } else {
            QCoreApplication::quit();
        }
    });
    QObject::connect(&monitor, &ActivityMonitor::refreshFailed, [&](const Error &e) {
        QTextStream(stderr) << "activity_bench: refresh failed: " << e.oneLine() << '\n';
        code = 2;
        QCoreApplication::quit();
    });
    QTimer::singleShot(0, next);
    QCoreApplication::exec();
    if (code == 0)
        out() << QStringLiteral("refreshes %1, client wall time per refresh: median %2 ms, p90 %3 ms, max %4 ms")
                     .arg(wallMs.size())
                     .arg(percentile(wallMs, 0.5), 0, 'f', 2)
                     .arg(percentile(wallMs, 0.9), 0, 'f', 2)
                     .arg(percentile(wallMs, 1.0), 0, 'f', 2)
              << Qt::endl;
    return code;
}

int runGui(const Target &target, int seconds, const QStringList &pngs)
{
    ActivityPanel panel;
    panel.resize(1280, 860);
    panel.findChild<QSpinBox *>(QStringLiteral("activityInterval"))->setValue(1);
    panel.show();
    PoolOptions options;
    options.poolMaxima.insert(QStringLiteral("trading_bot"), 220);
    panel.setTarget(target, options);
    int refreshes = 0;
    int failures = 0;
    double startupMs = 0; // the worst lateness before the first refresh arrived (first paint, history load)
    QList<double> lateMs;
    QObject::connect(panel.monitor(), &ActivityMonitor::refreshed, [&] {
        if (++refreshes == 1) {
            startupMs = percentile(lateMs, 1.0);
            lateMs.clear();
        }
    });
    QObject::connect(panel.monitor(), &ActivityMonitor::refreshFailed, [&](const Error &e) {
        ++failures;
        QTextStream(stderr) << "activity_bench: refresh failed: " << e.oneLine() << '\n';
    });
    constexpr int tickMs = 10;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(tickMs);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        lateMs << std::max(0.0, (now - last) / 1e6 - tickMs);
        last = now;
    });
    tick.start();
    QTimer::singleShot(seconds * 1000, &QCoreApplication::quit);
    QCoreApplication::exec();
    tick.stop();
    auto *tabs = panel.findChild<QTabWidget *>();
    for (int i = 0; i < pngs.size() && tabs && i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QCoreApplication::processEvents();
        panel.grab().save(pngs[i]);
    }
    out() << QStringLiteral("gui: %1 s, %2 refreshes (%3 failed), %4 ticks of %5 ms after the first refresh; "
                            "main-thread lateness: median %6 ms, p99 %7 ms, max stall %8 ms (before the first "
                            "refresh: %9 ms)")
                 .arg(seconds)
                 .arg(refreshes)
                 .arg(failures)
                 .arg(lateMs.size())
                 .arg(tickMs)
                 .arg(percentile(lateMs, 0.5), 0, 'f', 2)
                 .arg(percentile(lateMs, 0.99), 0, 'f', 2)
                 .arg(percentile(lateMs, 1.0), 0, 'f', 2)
                 .arg(startupMs, 0, 'f', 2)
          << Qt::endl;
    panel.clearTarget();
    return failures > 0 || refreshes == 0 ? 2 : 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 3)
        return usage();
    auto target = TargetParser::parse(args[1]);
    const int n = args[2].toInt();
    if (target && args[0] == QLatin1String("gui")) // a SQLite store too (its lock / WAL view and chart)
        return runGui(target.value(), n, args.mid(3));
    if (!target || !target->isPostgres()) {
        QTextStream(stderr) << "activity_bench: " << args[1] << " is not a PostgreSQL URI\n";
        return 3;
    }
    if (args[0] == QLatin1String("load"))
        return runLoad(target.value(), n);
    if (args[0] == QLatin1String("refresh") && args.size() == 4)
        return runRefresh(target.value(), n, args[3]);
    return usage();
}
