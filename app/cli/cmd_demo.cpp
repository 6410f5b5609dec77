// dbops demo: create the deterministic demo trading-bot store, or run a bot-like writer against one.
#include "cliutil.h"
#include "command.h"
#include "demo/demosimulator.h"
#include "demo/demostore.h"

#include <QJsonObject>
#include <QTextStream>
#include <atomic>
#include <csignal>

namespace dbops::cli {
namespace {

std::atomic_bool g_stop{false};
void requestStop(int) { g_stop = true; }

int simulate(const Invocation &in, const QString &where)
{
    auto db = DemoSimulator::resolveTradingDb(where);
    if (!db)
        return in.fail(db.error());
    SimulatorOptions options;
    const QCommandLineParser &p = in.options();
    if (p.isSet(QStringLiteral("duration")))
        options.durationMs = p.value(QStringLiteral("duration")).toInt() * 1000;
    if (p.isSet(QStringLiteral("interval")))
        options.intervalMs = p.value(QStringLiteral("interval")).toInt();
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    if (!in.json())
        QTextStream(stdout) << "simulating a bot on " << db.value() << " (Ctrl+C stops)" << Qt::endl;
    const SimulatorStats stats = DemoSimulator().run(db.value(), g_stop, options);
    if (stats.error)
        return in.fail(stats.error);
    if (in.json()) {
        QJsonObject inserted;
        for (auto it = stats.inserted.cbegin(); it != stats.inserted.cend(); ++it)
            inserted.insert(it.key(), it.value());
        printJson({{QStringLiteral("status"), QStringLiteral("ok")},
                   {QStringLiteral("database"), db.value()},
                   {QStringLiteral("iterations"), stats.iterations},
                   {QStringLiteral("rows_written"), stats.rowsWritten()},
                   {QStringLiteral("inserted"), inserted},
                   {QStringLiteral("busy_skips"), stats.busySkips},
                   {QStringLiteral("elapsed_ms"), double(stats.elapsedMs)}});
    } else {
        QTextStream(stdout) << "stopped after " << stats.iterations << " iterations, " << stats.rowsWritten()
                            << " rows written" << Qt::endl;
    }
    return ExitOk;
}

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("out"), QStringLiteral("Create the demo store in DIR (must not exist or be empty)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("simulate"), QStringLiteral("Write and read like a running bot until Ctrl+C.")});
    p.addOption({QStringLiteral("duration"), QStringLiteral("With --simulate: stop after SECONDS."),
                 QStringLiteral("SECONDS")});
    p.addOption({QStringLiteral("interval"),
                 QStringLiteral("With --simulate: milliseconds between writes (default 200)."), QStringLiteral("MS")});
}

int create(const Invocation &in, const QString &out)
{
    if (Error e = DemoStore::create(out, DemoOptions::endingNow()))
        return in.fail(e);
    if (in.json())
        printJson({{QStringLiteral("status"), QStringLiteral("ok")},
                   {QStringLiteral("path"), out},
                   {QStringLiteral("trading_db"), DemoStore::tradingDbPath(out)}});
    else
        QTextStream(stdout) << "demo store created in " << out << "\nopen it: dbops-console --db " << out
                            << "\nlook at it: dbops info --db " << out << Qt::endl;
    return ExitOk;
}

// --db is the folder or file the simulated bot writes to, not a store to resolve: demo reads it itself.
int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    if (p.isSet(QStringLiteral("simulate"))) {
        if (!p.isSet(QStringLiteral("db")))
            return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("--simulate needs --db DIR_OR_FILE"),
                                       QStringLiteral("e.g. dbops demo --simulate --db ~/dbops-demo")));
        return simulate(in, p.value(QStringLiteral("db")));
    }
    if (!p.isSet(QStringLiteral("out")))
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("say where to create the demo store"),
                                   QStringLiteral("dbops demo --out DIR")));
    return create(in, p.value(QStringLiteral("out")));
}

const RegisterCommand reg({QStringLiteral("demo"), QStringLiteral("create the demo store, or simulate a bot"),
                           QStringLiteral("Create the demo trading-bot data directory (--out DIR), or run a bot-like "
                                          "writer/reader against one until stopped (--simulate --db DIR_OR_FILE)."),
                           TargetUse::OnRequest, addOptions, run});

} // namespace
} // namespace dbops::cli
