// dbops restore: verified backup → impact preview → (with --yes) safety backup, restore, verify after.
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "core/printable.h"
#include "ops/momentscratch.h"
#include "ops/restoreat.h"
#include "ops/restoreplan.h"
#include "ops/restoreservice.h"
#include "opsprogress.h"
#include "restoreside.h"
#include "schema/timevalue.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QTextStream>
#include <optional>

namespace dbops::cli {
namespace {

void printPreview(QTextStream &out, const RestorePlan &plan)
{
    if (plan.request.backupIsScratch) // Litestream's copy of the moment: a scratch file, gone after the restore
        out << "backup       Litestream's copy of that moment (verified: quick_check and row counts";
    else
        out << "backup       " << plan.backupPath << " (verified";
    if (plan.verify.origin == QLatin1String("bot") && !plan.request.backupIsScratch)
        out << ", a plain copy without a dbops manifest";
    if (plan.verify.manifest.createdAt.isValid() && !plan.request.backupIsScratch) // the moment is on "source"
        out << ", taken " << Format::moment(plan.verify.manifest.createdAt);
    out << ")\n"
        << "restore into " << plan.destination().display() << (plan.intoNew() ? " (new)" : "") << '\n';
    if (plan.isDataDir()) {
        for (const RestorePlan &m : plan.members)
            out << "store        " << m.relativePath
                << (m.intoNew() ? QStringLiteral(" (created)")
                                : QStringLiteral(" (schema now %1, in backup %2)")
                                      .arg(m.impact.now.display(), m.impact.backup.display()))
                << '\n';
        out << '\n';
    } else {
        out << "schema now   " << plan.impact.now.display() << '\n'
            << "in backup    " << plan.impact.backup.display() << "\n\n";
    }
    out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
               .arg(QStringLiteral("table"), -24)
               .arg(QStringLiteral("rows now"), 10)
               .arg(QStringLiteral("in backup"), 10)
               .arg(QStringLiteral("newest now"), -26)
               .arg(QStringLiteral("newest in backup"), -26)
               .arg(QStringLiteral("lost"), 8);
    for (const TableImpact &t : plan.impact.tables)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                   .arg(Printable::name(t.name), -24)
                   .arg(t.rowsNow < 0 ? QStringLiteral("-") : Format::count(t.rowsNow), 10)
                   .arg(t.rowsBackup < 0 ? QStringLiteral("-") : Format::count(t.rowsBackup), 10)
                   .arg(TimeValue::display(t.newestNow), -26)
                   .arg(TimeValue::display(t.newestBackup), -26)
                   .arg(Format::count(t.rowsLostEstimate), 8);
    out << '\n';
    for (const QString &line : plan.impact.summary())
        out << "  " << Printable::name(line) << '\n';
    for (const WriterEvidence &w : plan.writers.writers)
        out << "  in use: " << w.describe() << '\n';
    for (const WriterEvidence &w : plan.writers.stale)
        out << "  stale lock: " << w.describe() << '\n';
}

QJsonObject planJson(const RestorePlan &plan, const MomentSource &source, const QString &status)
{
    QJsonObject o = plan.toJson();
    o.insert(QStringLiteral("status"), status);
    if (!source.kind.isEmpty()) { // --at: which restore point, and the moment it really is
        o.insert(QStringLiteral("source"), source.kind);
        o.insert(QStringLiteral("restored_to"), source.restoredTo.toString(Qt::ISODateWithMs));
    }
    return o;
}

void addOptions(QCommandLineParser &p)
{
    p.addPositionalArgument(
        QStringLiteral("PATH"),
        QStringLiteral("The backup file (or its manifest); with --db DATA_DIR, a data directory backup folder: "
                       "every store in it is restored, each in one transaction, after one safety backup."));
    p.addOption({QStringLiteral("yes"), QStringLiteral("Apply the restore (without it: preview only).")});
    p.addOption({QStringLiteral("force"),
                 QStringLiteral("Restore even though the bot (or another session) is using the store.")});
    p.addOption(
        {QStringLiteral("to"), QStringLiteral("SQLite: restore into this new file instead."), QStringLiteral("PATH")});
    p.addOption({QStringLiteral("to-database"),
                 QStringLiteral("PostgreSQL: restore into this new database (created) instead."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("safety-dir"),
                 QStringLiteral("Folder for the safety backup (default: the backup folder)."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("progress"), QStringLiteral("Print progress on stderr.")});
    p.addOption({QStringLiteral("at"),
                 QStringLiteral("Instead of PATH: the store as it was at TIME (ISO-8601, local or UTC, or -15m): from "
                                "the replica when its window covers TIME, else the newest backup taken by then."),
                 QStringLiteral("TIME")});
    p.addOption({QStringLiteral("replica"),
                 QStringLiteral("With --at: the Litestream replica folder (dbops protect); default: the "
                                "profile's replica=."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("dir"),
                 QStringLiteral("With --at: the backup folder to pick from (default: the dbops backup folder)."),
                 QStringLiteral("DIR")});
    addSideInstanceOptions(p);
}

Expected<RestoreRequest> requestFrom(const QCommandLineParser &p)
{
    const QStringList positional = p.positionalArguments();
    const bool at = p.isSet(QStringLiteral("at"));
    if (positional.size() != (at ? 0 : 1))
        return Error::make(ErrorCode::Usage,
                           at ? QStringLiteral("restore --at takes no backup PATH: it picks one")
                              : QStringLiteral("restore needs exactly one backup PATH"),
                           QStringLiteral("dbops restore PATH --db TARGET [--yes], or dbops restore --at TIME --db "
                                          "STORE [--replica DIR] [--yes]"));
    if (p.isSet(QStringLiteral("to")) && p.isSet(QStringLiteral("to-database")))
        return Error::make(ErrorCode::Usage, QStringLiteral("--to and --to-database exclude each other"));
    RestoreRequest request;
    request.backupPath = positional.value(0);
    request.toPath = p.value(QStringLiteral("to"));
    request.toDatabase = p.value(QStringLiteral("to-database"));
    request.safetyDir = p.value(QStringLiteral("safety-dir"));
    return request;
}

int preview(const RestorePlan &plan, const MomentSource &source, bool force, bool json)
{
    if (json) {
        printJson(planJson(plan, source, QStringLiteral("preview")));
    } else {
        QTextStream out(stdout);
        printPreview(out, plan);
        out << "\nNothing was changed. To restore, run the same command with --yes";
        if (plan.writers.writing() && !force)
            out << " (and --force, since the store is in use — better: stop the bot first)";
        out << ".\n";
    }
    return ExitWarning;
}

QJsonObject appliedJson(const RestorePlan &plan, const MomentSource &source, const RestoreResult &result)
{
    QJsonObject o = planJson(plan, source, RestoreResult::statusName(result.status));
    const QJsonObject applied = result.toJson();
    for (auto it = applied.begin(); it != applied.end(); ++it)
        o.insert(it.key(), it.value());
    o.insert(QStringLiteral("undoable"), result.undoable());
    if (result.undoable())
        o.insert(QStringLiteral("undo_command"), result.undoCommand(plan.target));
    o.insert(QStringLiteral("status"), result.ok() ? QStringLiteral("restored")
                                       : result.status == RestoreResult::Status::Restored
                                           ? QStringLiteral("failed")
                                           : RestoreResult::statusName(result.status));
    return o;
}

void printApplied(const RestorePlan &plan, const RestoreResult &result)
{
    QTextStream out(stdout);
    out << '\n';
    if (result.hasSafetyBackup)
        out << "safety backup " << result.safetyBackup.path << '\n';
    for (const RestoreResult &m : result.members)
        out << "store        " << m.relativePath << ": " << RestoreResult::statusName(m.status)
            << (m.verifiedAfter ? ", verified" : "") << '\n';
    if (result.ok())
        out << "restored     " << result.destination << " (verified: integrity ok, row counts equal the backup's)\n";
    out.flush();
    if (result.error)
        printError(result.error);
    if (result.undoable())
        QTextStream(stderr) << "dbops: to put the state from before the restore back, run: "
                            << result.undoCommand(plan.target) << Qt::endl;
}

int apply(const RestorePlan &plan, const MomentSource &source, bool force, const OpControl &control, bool json)
{
    if (!json) {
        QTextStream out(stdout);
        printPreview(out, plan);
    }
    RestoreOptions options;
    options.force = force;
    options.confirmation = plan.confirmationName();
    const RestoreResult result = RestoreService::apply(plan, options, control);
    if (json)
        printJson(appliedJson(plan, source, result));
    else
        printApplied(plan, result);
    return result.ok() ? ExitOk : ExitCritical;
}

Expected<MomentSource> pickSource(const Invocation &in, const QString &scratchDir)
{
    const QCommandLineParser &p = in.options();
    auto moment = RestoreAt::parseMoment(p.value(QStringLiteral("at")));
    if (!moment)
        return moment.error();
    return RestoreAt::pick(in.target(), moment.value(), replicaFolder(p, in.target()), p.value(QStringLiteral("dir")),
                           scratchDir);
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    if (p.isSet(QStringLiteral("side-instance")))
        return runSideInstance(in);
    auto request = requestFrom(p);
    if (!request)
        return in.fail(request.error());
    if (p.isSet(QStringLiteral("yes")))
        if (const int code = in.refuseWhenReadOnly(QStringLiteral("restore into %1").arg(in.target().display())))
            return code;
    const OpControl control = progressControl(p.isSet(QStringLiteral("progress")));
    // --at from a replica: its state at TIME, until the restore is done (beside --to's file: renamed into it).
    std::optional<MomentScratch> scratch;
    MomentSource source;
    if (p.isSet(QStringLiteral("at"))) {
        scratch.emplace(MomentScratch::besideOrTemp(request->toPath));
        if (!scratch->isValid())
            return in.fail(scratch->failure());
        auto picked = pickSource(in, scratch->path());
        if (!picked)
            return in.fail(picked.error());
        source = picked.value();
        request = source.request(request.value());
        if (!in.json())
            QTextStream(stdout) << "source       " << source.describe << '\n';
    }
    auto plan = RestorePlanner::plan(in.target(), request.value(), control);
    // A backup that fails verification: refused before anything was touched.
    if (!plan && plan.error().code == ErrorCode::Refused)
        return fail(plan.error(), in.json(), QStringLiteral("refused"));
    if (!plan)
        return in.fail(plan.error());
    const bool force = p.isSet(QStringLiteral("force"));
    if (!p.isSet(QStringLiteral("yes")))
        return preview(plan.value(), source, force, in.json());
    return apply(plan.value(), source, force, control, in.json());
}

const RegisterCommand
    reg({QStringLiteral("restore"), QStringLiteral("verified restore with impact preview and safety backup"),
         QStringLiteral(
             "Restore a backup into a store. The backup is verified first and the impact is shown (rows newer "
             "than the backup that will be lost, schema versions, processes or sessions using the store). "
             "Nothing changes without --yes. With --yes: a safety backup of the current state, the restore "
             "(one transaction: cancelled or failed, the store stays as it was), verification afterwards, and "
             "an audit record. --at TIME picks the restore point itself (the Litestream replica of --replica when "
             "it covers TIME, else the newest backup taken by then, dbops's or the bot's). Exit 0 restored, 1 "
             "preview only, 2 refused or failed, 3 bad input."),
         TargetUse::Destination, addOptions, run});

} // namespace
} // namespace dbops::cli
