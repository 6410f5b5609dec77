// dbops maintain: VACUUM / ANALYZE / REINDEX CONCURRENTLY (PostgreSQL), VACUUM / incremental_vacuum /
// optimize / wal_checkpoint (SQLite). Without --yes: the preview (sizes, statements, refusals), nothing runs.
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "maintenance/maintenance.h"
#include "opsprogress.h"

#include <QJsonArray>
#include <QTextStream>

namespace dbops::cli {
namespace {

void printSizes(QTextStream &out, const QString &label, const StoreSizes &s)
{
    out << label << Format::bytes(s.databaseBytes);
    if (s.walBytes > 0)
        out << " + WAL " << Format::bytes(s.walBytes);
    if (s.pageCount >= 0)
        out << " (" << s.pageCount << " pages of " << s.pageSize << " B, " << s.freelistPages << " free; auto_vacuum "
            << s.autoVacuum << ", journal " << s.journalMode << ')';
    out << '\n';
}

void printPlan(QTextStream &out, const MaintenancePlan &plan)
{
    out << "store      " << plan.target.display() << '\n';
    printSizes(out, QStringLiteral("size       "), plan.sizes);
    for (const TableSizes &t : plan.tableSizes)
        out << "table      " << t.table << ": " << Format::bytes(t.bytes) << ", " << t.liveRows << " live / "
            << t.deadRows << " dead rows\n";
    for (const QString &s : plan.statements)
        out << "would run  " << s << '\n';
    for (const QString &w : plan.warnings)
        out << "note       " << w << '\n';
    if (plan.refused())
        out << "REFUSED    " << plan.refusal.oneLine() << '\n';
}

void printResult(QTextStream &out, const MaintenanceResult &r)
{
    printPlan(out, r.plan);
    out << "\n" << MaintenanceResult::statusName(r.status) << " in " << Format::milliseconds(r.durationMs) << '\n';
    printSizes(out, QStringLiteral("before     "), r.before);
    if (r.after.databaseBytes >= 0)
        printSizes(out, QStringLiteral("after      "), r.after);
    out << "freed      " << Format::bytes(r.bytesFreed()) << '\n';
    for (const TableSizes &t : r.tablesAfter)
        out << "table now  " << t.table << ": " << Format::bytes(t.bytes) << ", " << t.deadRows << " dead rows\n";
    if (r.checkpoint.ran)
        out << "checkpoint busy=" << r.checkpoint.busy << " log_frames=" << r.checkpoint.logFrames
            << " checkpointed_frames=" << r.checkpoint.checkpointedFrames << '\n';
    for (const ProgressSample &s : r.progress)
        out << "progress   " << s.command << ' ' << s.table << ": " << s.phase << '\n';
    for (const QString &n : r.notes)
        out << "note       " << n << '\n';
}

Expected<MaintenanceRequest> requestFrom(const QCommandLineParser &p)
{
    MaintenanceRequest r;
    if (!p.isSet(QStringLiteral("op")) || !Maintenance::parseOp(p.value(QStringLiteral("op")), &r.op))
        return Error::make(ErrorCode::Usage,
                           p.isSet(QStringLiteral("op"))
                               ? QStringLiteral("unknown --op \"%1\"").arg(p.value(QStringLiteral("op")))
                               : QStringLiteral("--op is required"),
                           QStringLiteral("--op vacuum|analyze|reindex|optimize|checkpoint|incremental-vacuum"));
    r.tables = p.values(QStringLiteral("table"));
    r.indexes = p.values(QStringLiteral("index"));
    const QString mode = p.value(QStringLiteral("mode")).toLower();
    if (!mode.isEmpty() && mode != QLatin1String("passive") && mode != QLatin1String("truncate"))
        return Error::make(ErrorCode::Usage, QStringLiteral("--mode is passive or truncate, not \"%1\"").arg(mode));
    r.truncate = mode == QLatin1String("truncate");
    auto pages = numberOption(p, QStringLiteral("pages"), 0, QStringLiteral("maintain"));
    if (!pages)
        return pages.error();
    r.incrementalPages = int(pages.value());
    return r;
}

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("op"), QStringLiteral("vacuum|analyze|reindex|optimize|checkpoint|incremental-vacuum"),
                 QStringLiteral("OP")});
    p.addOption({QStringLiteral("table"), QStringLiteral("PostgreSQL: a table to work on (repeatable)."),
                 QStringLiteral("TABLE")});
    p.addOption({QStringLiteral("index"), QStringLiteral("PostgreSQL reindex: an index to rebuild (repeatable)."),
                 QStringLiteral("INDEX")});
    p.addOption({QStringLiteral("mode"), QStringLiteral("SQLite checkpoint: passive (default) or truncate."),
                 QStringLiteral("MODE")});
    p.addOption({QStringLiteral("pages"), QStringLiteral("SQLite incremental-vacuum: at most N pages (default all)."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("yes"), QStringLiteral("Run it (without it: preview only).")});
    p.addOption({QStringLiteral("progress"), QStringLiteral("Print progress on stderr.")});
}

int preview(const Target &target, const MaintenanceRequest &request, bool json)
{
    auto plan = Maintenance::preview(target, request);
    if (!plan)
        return fail(plan.error(), json);
    output(plan.value(), json, [](QTextStream &out, const MaintenancePlan &p) {
        printPlan(out, p);
        out << (p.refused() ? "\nNothing was changed; it would be refused.\n"
                            : "\nNothing was changed. To run it, repeat the command with --yes.\n");
    });
    return plan->refused() ? ExitCritical : ExitWarning;
}

int apply(const Target &target, const MaintenanceRequest &request, bool progress, bool json)
{
    const MaintenanceResult result = Maintenance::run(target, request, progressControl(progress));
    output(result, json, printResult);
    if (result.ok())
        return ExitOk;
    if (!json)
        printError(result.error);
    return result.status == MaintenanceResult::Status::Failed ? exitCodeFor(result.error) : ExitCritical;
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    auto request = requestFrom(p);
    if (!request)
        return in.fail(request.error());
    if (!p.isSet(QStringLiteral("yes")))
        return preview(in.target(), request.value(), in.json());
    if (const int code = in.refuseWhenReadOnly(QStringLiteral("maintenance of %1").arg(in.target().display())))
        return code;
    return apply(in.target(), request.value(), p.isSet(QStringLiteral("progress")), in.json());
}

const RegisterCommand
    reg({QStringLiteral("maintain"), QStringLiteral("vacuum / analyze / reindex / optimize / checkpoint a store"),
         QStringLiteral("Store maintenance. PostgreSQL: vacuum (VACUUM (ANALYZE)), analyze, reindex (REINDEX "
                        "TABLE/INDEX CONCURRENTLY) on the --table/--index given (vacuum/analyze: the whole "
                        "database without --table), with progress from pg_stat_progress_*. SQLite: vacuum "
                        "(refused while the bot writes or without free space about the database's size), "
                        "incremental-vacuum (auto_vacuum=INCREMENTAL only), optimize, checkpoint "
                        "(--mode passive|truncate). Without --yes: preview only. Audited. Exit 0 done, "
                        "1 preview, 2 refused or failed, 3 bad input / cannot connect."),
         TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
