// dbops locks: the lock files in a bot's data directory with their PID alive or stale; --remove-stale --yes
// removes the stale ones (each re-checked right before; live ones never touched), audited.
#include "cliutil.h"
#include "command.h"
#include "maintenance/stalelocks.h"

#include <QJsonArray>
#include <QTextStream>

namespace dbops::cli {
namespace {

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("remove-stale"), QStringLiteral("Remove the stale lock files (needs --yes).")});
    p.addOption({QStringLiteral("yes"), QStringLiteral("Confirm --remove-stale.")});
}

int preview(const LockScan &scan, bool json)
{
    if (json)
        printJson(scan.toJson());
    else if (scan.staleCount() > 0)
        QTextStream(stdout) << "\nNothing was changed. To remove the stale ones: --remove-stale --yes.\n";
    return scan.staleCount() > 0 ? ExitWarning : ExitOk;
}

int removeStale(const LockScan &scan, bool json)
{
    const QList<LockRemoval> removals = StaleLocks::removeStale(scan);
    int failed = 0;
    QJsonArray list;
    QTextStream out(stdout);
    for (const LockRemoval &r : removals) {
        failed += r.error ? 1 : 0;
        list.append(r.toJson());
        if (!json)
            out << "  "
                << (r.error ? QStringLiteral("NOT removed: ") + r.error.oneLine() : QStringLiteral("removed ") + r.path)
                << '\n';
    }
    if (json) {
        QJsonObject o = scan.toJson();
        o.insert(QStringLiteral("status"), failed ? QStringLiteral("failed") : QStringLiteral("removed"));
        o.insert(QStringLiteral("removed"), int(removals.size()) - failed);
        o.insert(QStringLiteral("failed"), failed);
        o.insert(QStringLiteral("removals"), list);
        printJson(o);
    }
    return failed ? ExitCritical : ExitOk;
}

int run(const Invocation &in)
{
    auto dir = StaleLocks::directoryFor(in.target());
    if (!dir)
        return in.fail(dir.error());
    auto scan = StaleLocks::scan(dir.value());
    if (!scan)
        return in.fail(scan.error());
    if (!in.json()) {
        QTextStream out(stdout);
        out << scan->locks.size() << " lock file(s) in " << scan->directory << '\n';
        for (const LockFileInfo &l : scan->locks)
            out << QStringLiteral("  %1  pid %2  %3\n").arg(l.stateName(), -8).arg(l.pid, -8).arg(l.relativePath);
    }
    const QCommandLineParser &p = in.options();
    if (p.isSet(QStringLiteral("remove-stale")) && p.isSet(QStringLiteral("yes"))) {
        if (const int code = in.refuseWhenReadOnly(QStringLiteral("removing stale lock files")))
            return code;
        return removeStale(scan.value(), in.json());
    }
    return preview(scan.value(), in.json());
}

const RegisterCommand reg(
    {QStringLiteral("locks"), QStringLiteral("list lock files; remove the stale ones"),
     QStringLiteral("Lock files (*.lock holding a PID, e.g. .writer.lock) in a data directory (--db DIR, or a store "
                    "file's folder): alive, stale (the PID is gone) or unknown. --remove-stale --yes removes the stale "
                    "ones; a lock whose process runs is never touched. Exit 0 no stale lock / all removed, 1 stale "
                    "locks listed, 2 a removal failed or was refused, 3 bad input."),
     TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
