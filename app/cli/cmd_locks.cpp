// dbops locks: the lock files in a bot's data directory with their PID alive or stale; --remove-stale --yes
// removes the stale ones (each re-checked right before; live ones never touched), audited.
#include "cliutil.h"
#include "command.h"
#include "maintenance/stalelocks.h"

#include <QJsonArray>
#include <QTextStream>

namespace dbops::cli {
namespace {

int run(const QStringList &args)
{
    CommandLine cl(QStringLiteral("locks"),
                   QStringLiteral("Lock files (*.lock holding a PID, e.g. .writer.lock) in a data directory (--db DIR, "
                                  "or a store file's folder): alive, stale (the PID is gone) or unknown. "
                                  "--remove-stale --yes removes the stale ones; a lock whose process runs is never "
                                  "touched. Exit 0 no stale lock / all removed, 1 stale locks listed, 2 a removal "
                                  "failed or was refused, 3 bad input."));
    auto &p = cl.parser();
    p.addOption({QStringLiteral("remove-stale"), QStringLiteral("Remove the stale lock files (needs --yes).")});
    p.addOption({QStringLiteral("yes"), QStringLiteral("Confirm --remove-stale.")});
    int code = 0;
    if (!cl.parse(args, &code))
        return code;
    const bool json = cl.json();
    auto detected = cl.target();
    if (!detected)
        return fail(detected.error(), json);
    auto dir = StaleLocks::directoryFor(detected->target);
    if (!dir)
        return fail(dir.error(), json);
    auto scan = StaleLocks::scan(dir.value());
    if (!scan)
        return fail(scan.error(), json);
    QTextStream out(stdout);
    const bool apply = p.isSet(QStringLiteral("remove-stale")) && p.isSet(QStringLiteral("yes"));
    if (!json) {
        out << scan->locks.size() << " lock file(s) in " << scan->directory << '\n';
        for (const LockFileInfo &l : scan->locks)
            out << QStringLiteral("  %1  pid %2  %3\n").arg(l.stateName(), -8).arg(l.pid, -8).arg(l.relativePath);
    }
    if (!apply) {
        if (json)
            printJson(scan->toJson());
        else if (scan->staleCount() > 0)
            out << "\nNothing was changed. To remove the stale ones: --remove-stale --yes.\n";
        return scan->staleCount() > 0 ? ExitWarning : ExitOk;
    }
    const QList<LockRemoval> removals = StaleLocks::removeStale(scan.value());
    int failed = 0;
    QJsonArray list;
    for (const LockRemoval &r : removals) {
        failed += r.error ? 1 : 0;
        list.append(r.toJson());
        if (!json)
            out << "  "
                << (r.error ? QStringLiteral("NOT removed: ") + r.error.oneLine() : QStringLiteral("removed ") + r.path)
                << '\n';
    }
    if (json) {
        QJsonObject o = scan->toJson();
        o.insert(QStringLiteral("status"), failed ? QStringLiteral("failed") : QStringLiteral("removed"));
        o.insert(QStringLiteral("removed"), int(removals.size()) - failed);
        o.insert(QStringLiteral("failed"), failed);
        o.insert(QStringLiteral("removals"), list);
        printJson(o);
    }
    return failed ? ExitCritical : ExitOk;
}

const RegisterCommand reg({QStringLiteral("locks"), QStringLiteral("list lock files; remove the stale ones"), run});

} // namespace
} // namespace dbops::cli
