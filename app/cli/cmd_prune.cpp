// dbops prune: backup pruning by rules per store (keep the newest N, keep D days, always keep the newest
// verified backup). Without --yes: what would be deleted and why. With --yes: backup + manifest removed, audited.
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "maintenance/backupprune.h"

#include <QTextStream>

namespace dbops::cli {
namespace {

void printPlan(QTextStream &out, const PrunePlan &plan)
{
    out << "backups in " << (plan.directory.isEmpty() ? QStringLiteral("the default backup folder") : plan.directory)
        << ", " << plan.rules.sentence() << '\n';
    for (const PruneDecision &d : plan.decisions)
        out << QStringLiteral("  %1 %2 %3 %4 %5\n")
                   .arg(d.keep ? QStringLiteral("keep  ") : QStringLiteral("DELETE"))
                   .arg(d.entry.stateName(), -10)
                   .arg(Format::age(d.entry.manifest.createdAt, plan.now), -10)
                   .arg(d.entry.path)
                   .arg(QStringLiteral("— ") + d.reasons.join(QStringLiteral("; ")));
    for (const PartialFile &p : plan.stalePartials)
        out << "  DELETE leftover   " << p.path << " — " << Format::bytes(p.bytes)
            << " left by an interrupted run (pid " << p.pid << ", no longer running)\n";
    out << Format::count(plan.toDelete().size()) << " to delete, " << Format::bytes(plan.bytesToFree()) << " to free\n";
}

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("out"),
                 QStringLiteral("The backup folder (default: the dbops data folder's backups/)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("dir"), QStringLiteral("Same as --out."), QStringLiteral("DIR")});
    p.addOption(
        {QStringLiteral("keep-last"), QStringLiteral("Keep the N newest backups of each store."), QStringLiteral("N")});
    p.addOption(
        {QStringLiteral("keep-days"), QStringLiteral("Keep every backup younger than D days."), QStringLiteral("D")});
    p.addOption({QStringLiteral("store"), QStringLiteral("Only the backups whose source contains this text."),
                 QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("yes"), QStringLiteral("Delete (without it: preview only).")});
}

Expected<PruneRules> rulesFrom(const QCommandLineParser &p)
{
    PruneRules rules;
    auto last = numberOption(p, QStringLiteral("keep-last"), -1, QStringLiteral("prune"));
    if (!last)
        return last.error();
    auto days = numberOption(p, QStringLiteral("keep-days"), -1, QStringLiteral("prune"));
    if (!days)
        return days.error();
    rules.keepLast = int(last.value());
    rules.keepDays = days.value();
    rules.store = p.value(QStringLiteral("store"));
    return rules;
}

int preview(const QString &dir, const PruneRules &rules, bool json)
{
    auto plan = BackupPrune::plan(dir, rules);
    if (!plan)
        return fail(plan.error(), json);
    output(plan.value(), json, [](QTextStream &out, const PrunePlan &p) {
        printPlan(out, p);
        if (p.anythingToDo())
            out << "\nNothing was deleted. To delete them, repeat the command with --yes.\n";
    });
    return plan->anythingToDo() ? ExitWarning : ExitOk;
}

int apply(const QString &dir, const PruneRules &rules, bool json)
{
    auto result = BackupPrune::apply(dir, rules);
    if (!result)
        return fail(result.error(), json);
    output(result.value(), json, [](QTextStream &out, const PruneResult &r) {
        printPlan(out, r.plan);
        for (const PartialFile &p : r.partialsRemoved)
            out << "  deleted leftover " << p.path << '\n';
        for (const PruneDeletion &d : r.deletions)
            out << "  "
                << (d.error ? QStringLiteral("NOT deleted: ") + d.error.oneLine() : QStringLiteral("deleted ") + d.path)
                << '\n';
        out << r.deleted() << " deleted, " << Format::bytes(r.bytesFreed()) << " freed\n";
    });
    return result->failed() ? ExitCritical : ExitOk;
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    auto rules = rulesFrom(p);
    if (!rules)
        return in.fail(rules.error());
    const QString dir =
        p.isSet(QStringLiteral("out")) ? p.value(QStringLiteral("out")) : p.value(QStringLiteral("dir"));
    if (!p.isSet(QStringLiteral("yes")))
        return preview(dir, rules.value(), in.json());
    if (const int code = in.refuseWhenReadOnly(QStringLiteral("pruning backups")))
        return code;
    return apply(dir, rules.value(), in.json());
}

const RegisterCommand reg(
    {QStringLiteral("prune"), QStringLiteral("delete old backups by rules (keep N, keep D days)"),
     QStringLiteral("Prune backups by rules, per store: --keep-last N newest, --keep-days D; the newest verified "
                    "backup of each store is always kept. Without --yes: what would be deleted and why. With --yes: "
                    "each backup and its manifest are deleted (the folder is read again first), audited. Exit 0 "
                    "nothing to delete / deleted, 1 preview with deletions, 2 a deletion failed, 3 bad input."),
     TargetUse::None, addOptions, run});

} // namespace
} // namespace dbops::cli
