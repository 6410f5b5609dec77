// dbops protect: continuous protection of SQLite stores by Litestream, in the foreground until SIGINT/SIGTERM (so a
// systemd unit can run it: --print-unit prints one), the replica's lag printed every few seconds.
#include "cliutil.h"
#include "command.h"
#include "ops/litestream.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <atomic>
#include <csignal>

namespace dbops::cli {
namespace {

std::atomic_bool g_stop{false};
void requestStop(int) { g_stop = true; }

constexpr int kStopTimeoutMs = 15000;
constexpr int kKeptLines = 20; // of Litestream's log, for the error when it stops by itself

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("replica"),
                 QStringLiteral("Replica folder: each store's replica goes to DIR/<the store's absolute path>/ "
                                "(default: the profile's replica=)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("every"), QStringLiteral("Print the lag every SECONDS (default 5)."),
                 QStringLiteral("SECONDS")});
    p.addOption(
        {QStringLiteral("print-unit"), QStringLiteral("Print a systemd unit that runs this protection, and exit.")});
}

// systemd's command line quoting: double quotes, backslash escapes, and "%" doubled (specifiers).
QString unitQuoted(QString word)
{
    word.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    word.replace(QLatin1Char('"'), QLatin1String("\\\""));
    word.replace(QLatin1Char('%'), QLatin1String("%%"));
    return QLatin1Char('"') + word + QLatin1Char('"');
}

QString unitText(const Target &target, const ProtectPlan &plan)
{
    QString unit = QStringLiteral("[Unit]\nDescription=dbops protect: Litestream replication of %1 into %2\n"
                                  "After=local-fs.target\n\n[Service]\nType=simple\n")
                       .arg(target.display(), plan.replicaRoot);
    const QString chosen = qEnvironmentVariable("DBOPS_LITESTREAM");
    if (!chosen.isEmpty())
        unit += QStringLiteral("Environment=DBOPS_LITESTREAM=%1\n").arg(unitQuoted(chosen));
    unit += QStringLiteral("ExecStart=%1 protect --db %2 --replica %3\n")
                .arg(unitQuoted(QCoreApplication::applicationFilePath()), unitQuoted(target.path),
                     unitQuoted(plan.replicaRoot));
    unit += QStringLiteral("KillSignal=SIGTERM\nTimeoutStopSec=30\nRestart=on-failure\nRestartSec=5\n\n"
                           "[Install]\nWantedBy=multi-user.target\n");
    return unit;
}

QJsonArray printLag(const QString &binary, const ProtectPlan &plan, bool json)
{
    QJsonArray stores;
    QTextStream out(stdout);
    for (const ProtectedStore &s : plan.stores) {
        auto w = Litestream::window(binary, plan.replicaRoot, s.storePath);
        QJsonObject one{{QStringLiteral("store"), s.storePath}, {QStringLiteral("replica"), s.replicaPath}};
        if (w)
            one.insert(QStringLiteral("window"), w->toJson());
        stores.append(one);
        if (json)
            continue;
        out << QDateTime::currentDateTimeUtc().toString(Qt::ISODate) << "  " << s.storePath << ": ";
        if (!w)
            out << "no replica yet (" << w.error().message << ")\n";
        else if (w->empty())
            out << "no generation yet\n";
        else
            out << "lag " << QString::number(w->lagS, 'f', 1) << " s, restorable "
                << w->restorableFrom.toString(Qt::ISODate) << " to " << w->restorableTo.toString(Qt::ISODate) << '\n';
    }
    out.flush();
    return stores;
}

// Litestream's own log (stderr, one line per shipped segment) is kept short: the last lines explain a stop.
void drain(QProcess &proc, QStringList &lines)
{
    const QStringList fresh =
        QString::fromUtf8(proc.readAllStandardError() + proc.readAllStandardOutput()).split(QLatin1Char('\n'));
    for (const QString &l : fresh)
        if (!l.trimmed().isEmpty())
            lines << l.trimmed();
    while (lines.size() > kKeptLines)
        lines.removeFirst();
}

Error startLitestream(QProcess &proc, const QString &binary, const QString &config)
{
    Litestream::startTied(proc, binary, Litestream::replicateArguments(config));
    if (!proc.waitForStarted())
        return Error::make(ErrorCode::Unsupported,
                           QStringLiteral("%1 could not be started: %2").arg(binary, proc.errorString()),
                           QStringLiteral("check DBOPS_LITESTREAM or the binary beside dbops"));
    return {};
}

int replicate(const Invocation &in, const QString &binary, const ProtectPlan &plan, int everyMs)
{
    QTemporaryDir configDir; // private (0700): the configuration lives as long as Litestream runs
    const QString config = configDir.filePath(QStringLiteral("litestream.yml"));
    QFile file(config);
    if (!configDir.isValid() || !file.open(QIODevice::WriteOnly) || file.write(Litestream::config(plan)) < 0)
        return in.fail(Error::make(
            ErrorCode::Io, QStringLiteral("cannot write Litestream's configuration in %1").arg(configDir.path()),
            QStringLiteral("check TMPDIR")));
    file.close();
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    QProcess proc;
    if (Error e = startLitestream(proc, binary, config))
        return in.fail(e);
    if (!in.json()) {
        QTextStream out(stdout);
        out << "protecting " << plan.stores.size() << " store(s) into " << plan.replicaRoot << " with " << binary
            << " (Ctrl+C stops)\n";
        for (const QString &s : plan.skipped)
            out << "  skipped " << s << '\n';
        out.flush();
    }
    QStringList lines;
    QElapsedTimer sinceLag;
    sinceLag.start();
    while (!g_stop && !proc.waitForFinished(250)) {
        drain(proc, lines);
        if (sinceLag.elapsed() >= everyMs) {
            printLag(binary, plan, in.json());
            sinceLag.restart();
        }
    }
    drain(proc, lines);
    if (!g_stop)
        return in.fail(Error::make(ErrorCode::QueryFailed,
                                   QStringLiteral("litestream stopped by itself (exit %1): %2")
                                       .arg(proc.exitCode())
                                       .arg(lines.isEmpty() ? QStringLiteral("no output") : lines.last()),
                                   QStringLiteral("fix the cause and start dbops protect again"),
                                   lines.join(QLatin1Char('\n'))));
    proc.terminate(); // Litestream ships what it has, then exits
    if (!proc.waitForFinished(kStopTimeoutMs)) {
        proc.kill();
        proc.waitForFinished();
    }
    const QJsonArray stores = printLag(binary, plan, in.json());
    if (in.json())
        printJson({{QStringLiteral("status"), QStringLiteral("stopped")},
                   {QStringLiteral("replica"), plan.replicaRoot},
                   {QStringLiteral("stores"), stores}});
    return ExitOk;
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    const QString replicaRoot = replicaFolder(p, in.target());
    if (replicaRoot.isEmpty())
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("protect needs --replica DIR"),
                                   QStringLiteral("dbops protect --db STORE --replica DIR, or save the folder in the "
                                                  "store's profile (replica=) and pass --db PROFILE")));
    auto every = numberOption(p, QStringLiteral("every"), 5, QStringLiteral("protect"));
    if (!every)
        return in.fail(every.error());
    if (const Error e = Litestream::checkReplicaRoot(replicaRoot)) // the unit would fail the same way
        return in.fail(e);
    auto plan = Litestream::plan(in.target(), replicaRoot);
    if (!plan)
        return in.fail(plan.error());
    if (p.isSet(QStringLiteral("print-unit"))) {
        const QString unit = unitText(in.target(), plan.value());
        if (in.json())
            printJson({{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("unit"), unit}});
        else
            QTextStream(stdout) << unit;
        return ExitOk;
    }
    auto binary = Litestream::find();
    if (!binary)
        return in.fail(binary.error());
    return replicate(in, binary.value(), plan.value(), std::max(1000, int(every.value() * 1000)));
}

const RegisterCommand reg(
    {QStringLiteral("protect"), QStringLiteral("continuous protection of SQLite stores with Litestream"),
     QStringLiteral("Replicate a SQLite store (or every WAL store of a data directory) with Litestream v0.3.13 into "
                    "DIR/<the store's absolute path>/, in the foreground until Ctrl+C or SIGTERM, printing the lag. "
                    "--print-unit prints a systemd unit that runs it. Litestream is found through DBOPS_LITESTREAM, "
                    "then beside dbops, then PATH. Exit 0 stopped on request, 2 Litestream stopped by itself, 3 bad "
                    "input or no Litestream."),
     TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
