// dbops cleanup: retention policies — dry run (what would go, per table), then with --apply --yes a batched
// delete (archiving first where the policy names an archive) after a safety backup; resumable and audited.
#include "cleanup/retentionjournal.h"
#include "cleanup/retentionresume.h"
#include "cleanup/retentionrunner.h"
#include "cleanup/retentionsuggest.h"
#include "cliutil.h"
#include "command.h"
#include "connection/connector.h"
#include "connection/profilestore.h"
#include "opsprogress.h"

#include <QDir>
#include <QJsonArray>
#include <QTextStream>
#include <csignal>

namespace dbops::cli {
namespace {

const QString kCommand = QStringLiteral("cleanup");

// Ctrl-C / SIGTERM stop the job between batches (an atomic store: safe in a signal handler).
const CancelToken *g_stop = nullptr;
extern "C" void stopBetweenBatches(int)
{
    if (g_stop)
        g_stop->cancel();
}

void printPlan(QTextStream &out, const RetentionPlan &plan)
{
    out << "store   " << plan.target.display() << "\ncut-off counted back from " << plan.now.toString(Qt::ISODate)
        << "\n\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
               .arg(QStringLiteral("table"), -24)
               .arg(QStringLiteral("keep"), 6)
               .arg(QStringLiteral("rows to delete"), 15)
               .arg(QStringLiteral("of"), 12)
               .arg(QStringLiteral("oldest"), -25)
               .arg(QStringLiteral("newest"), -25)
               .arg(QStringLiteral("space"), 10);
    for (const RetentionMeasure &m : plan.tables)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7%8\n")
                   .arg(m.table, -24)
                   .arg(m.keep, 6)
                   .arg(m.rows, 15)
                   .arg(m.totalRows, 12)
                   .arg(m.oldestAt.isValid() ? m.oldestAt.toString(Qt::ISODate) : m.oldest, -25)
                   .arg(m.newestAt.isValid() ? m.newestAt.toString(Qt::ISODate) : m.newest, -25)
                   .arg(m.bytesEstimate < 0 ? QStringLiteral("?") : humanBytes(m.bytesEstimate), 10)
                   .arg(m.archiveTable.isEmpty() ? QString()
                                                 : QString(QStringLiteral("  → archived into ") + m.archiveTable));
    out << "\n" << plan.totalRows() << " rows in all";
    if (plan.bytesEstimate() >= 0)
        out << ", about " << humanBytes(plan.bytesEstimate());
    out << '\n';
    for (const WriterEvidence &w : plan.writers.writers)
        out << "  in use: " << w.describe() << " (batches are short: the bot keeps writing)\n";
    for (const QString &n : plan.notes)
        out << "  note: " << n << '\n';
}

// --store for a data directory: the SQLite file inside it.
Expected<Target> storeTarget(const Target &target, const QString &store)
{
    if (target.kind != Target::Kind::DataDir) {
        if (!store.isEmpty())
            return Error::make(ErrorCode::Usage, QStringLiteral("--store applies to a data directory only"));
        return target;
    }
    if (store.isEmpty())
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("%1 is a data directory: cleanup runs on one store in it").arg(target.path),
                           QStringLiteral("add --store FILE (e.g. --store trading.db; `dbops info` lists them)"));
    const QString path = QDir(target.path).absoluteFilePath(store);
    if (Error e = Connector::checkSqliteFile(path))
        return e;
    Target t = Target::sqliteFile(path);
    t.profileName = target.profileName;
    return t;
}

int printSuggestions(const Target &target, bool json)
{
    auto suggestions = RetentionSuggest::forStore(target);
    if (!suggestions)
        return fail(suggestions.error(), json);
    QStringList specs;
    for (const RetentionSuggestion &s : suggestions.value())
        specs << s.policy.spec();
    if (json) {
        QJsonArray a;
        for (const RetentionSuggestion &s : suggestions.value())
            a.append(QJsonObject{{QStringLiteral("policy"), s.policy.spec()}, {QStringLiteral("why"), s.why}});
        printJson({{QStringLiteral("target"), target.display()}, {QStringLiteral("suggestions"), a}});
    } else {
        QTextStream out(stdout);
        for (const RetentionSuggestion &s : suggestions.value())
            out << "--policy " << s.policy.spec() << "    # " << s.why << '\n';
        if (specs.isEmpty())
            out << "no table here looks like a cache, log or market-data table with a time column\n";
    }
    return ExitOk;
}

int run(const QStringList &args)
{
    CommandLine cl(kCommand,
                   QStringLiteral("Retention: delete (or archive, then delete) rows older than a policy keeps. "
                                  "Without --apply: a dry run listing per table the rows that would go, their "
                                  "oldest/newest time and the space they hold. With --apply --yes: a safety backup, "
                                  "then small batches (each a short transaction) so the bot keeps writing; cancel "
                                  "(Ctrl-C) or a failure leaves every finished batch done and the rest untouched, "
                                  "and --resume finishes with the same cut-off. Protected tables (trades, orders, "
                                  "positions, fills, balances, audit) are refused unless unlocked. Exit 0 done or "
                                  "dry run, 1 --apply without --yes (preview only), 2 refused/failed/cancelled, "
                                  "3 bad input."));
    QCommandLineParser &p = cl.parser();
    p.addOption({QStringLiteral("policy"),
                 QStringLiteral("TABLE:COLUMN:KEEP[:ARCHIVE_TABLE], KEEP like 7d, 48h, 30m (repeat for more tables; "
                                "default: the profile's policies)."),
                 QStringLiteral("POLICY")});
    p.addOption({QStringLiteral("dry-run"), QStringLiteral("Only count what would be deleted (the default).")});
    p.addOption({QStringLiteral("apply"), QStringLiteral("Delete (needs --yes).")});
    p.addOption({QStringLiteral("yes"), QStringLiteral("Confirm --apply.")});
    p.addOption({QStringLiteral("suggest"), QStringLiteral("List policies suggested from the store's tables.")});
    p.addOption({QStringLiteral("unlock"), QStringLiteral("Allow a policy on this protected table, this run only."),
                 QStringLiteral("TABLE")});
    p.addOption(
        {QStringLiteral("store"), QStringLiteral("Data directory: the SQLite file to clean."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("resume"),
                 QStringLiteral("Finish an interrupted cleanup of this store with its policies and cut-off.")});
    p.addOption({QStringLiteral("discard-interrupted"),
                 QStringLiteral("Forget an interrupted cleanup of this store (its finished batches stay done).")});
    p.addOption({QStringLiteral("batch-rows"),
                 QStringLiteral("Rows per batch; fixed when given without --batch-ms (default: adapted, from 1000)."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("batch-ms"),
                 QStringLiteral("Adapt batch sizes so each holds the write lock about this long (default 30; 0: "
                                "fixed sizes)."),
                 QStringLiteral("MS")});
    p.addOption(
        {QStringLiteral("pause-ms"), QStringLiteral("Pause between batches (default 20)."), QStringLiteral("MS")});
    p.addOption(
        {QStringLiteral("max-batches"), QStringLiteral("Stop after N batches (resume later)."), QStringLiteral("N")});
    p.addOption({QStringLiteral("no-safety-backup"),
                 QStringLiteral("Skip the safety backup taken before deleting (not recommended).")});
    p.addOption({QStringLiteral("backup-dir"), QStringLiteral("Folder for the safety backup."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("progress"), QStringLiteral("Print progress on stderr.")});
    int code = 0;
    if (!cl.parse(args, &code))
        return code;
    const bool json = cl.json();
    auto detected = cl.target();
    if (!detected)
        return fail(detected.error(), json);
    auto target = storeTarget(detected->target, p.value(QStringLiteral("store")));
    if (!target)
        return fail(target.error(), json);
    if (p.isSet(QStringLiteral("suggest")))
        return printSuggestions(target.value(), json);

    auto batchRows = numberOption(p, QStringLiteral("batch-rows"), 1000, kCommand);
    const bool fixedBatches = p.isSet(QStringLiteral("batch-rows")) && !p.isSet(QStringLiteral("batch-ms"));
    auto batchMs = numberOption(p, QStringLiteral("batch-ms"), fixedBatches ? 0 : 30, kCommand);
    auto pauseMs = numberOption(p, QStringLiteral("pause-ms"), 20, kCommand);
    auto maxBatches = numberOption(p, QStringLiteral("max-batches"), 0, kCommand);
    for (const auto *n : {&batchRows, &batchMs, &pauseMs, &maxBatches})
        if (!*n)
            return fail(n->error(), json);
    const bool apply = p.isSet(QStringLiteral("apply"));
    if (apply && p.isSet(QStringLiteral("dry-run")))
        return fail(Error::make(ErrorCode::Usage, QStringLiteral("--apply and --dry-run exclude each other")), json);

    // An interrupted job of this store: resume it, forget it, or refuse to start another.
    const auto journal = RetentionJournal::load(target.value());
    if (p.isSet(QStringLiteral("discard-interrupted"))) {
        RetentionResume::discard(target.value());
        if (!json)
            QTextStream(stdout) << (journal ? "forgot the interrupted cleanup\n" : "no interrupted cleanup\n");
        else
            printJson({{QStringLiteral("status"), QStringLiteral("discarded")},
                       {QStringLiteral("had_interrupted"), bool(journal)}});
        return ExitOk;
    }
    RetentionRequest request;
    QStringList specs = p.values(QStringLiteral("policy"));
    const bool resume = p.isSet(QStringLiteral("resume"));
    if (resume) {
        auto resumed = RetentionResume::request(target.value(), journal, specs, p.values(QStringLiteral("unlock")));
        if (!resumed)
            return fail(resumed.error(), json);
        request = resumed.value();
    } else {
        if (apply)
            if (Error e = RetentionResume::refuseNewApply(target.value(), journal))
                return fail(e, json);
        request.unlocked = p.values(QStringLiteral("unlock"));
        if (specs.isEmpty() && !target->profileName.isEmpty())
            if (auto profile = ProfileStore().find(target->profileName))
                specs = profile->retentionPolicies;
        if (specs.isEmpty())
            return fail(Error::make(ErrorCode::Usage, QStringLiteral("no retention policy given"),
                                    QStringLiteral("add --policy TABLE:COLUMN:KEEP (see --suggest)")),
                        json);
        auto policies = RetentionPolicy::parseAll(specs);
        if (!policies)
            return fail(policies.error(), json);
        request.policies = policies.value();
    }
    request.estimateSpace = !(apply && p.isSet(QStringLiteral("yes"))); // an apply measures what it freed

    const OpControl control = progressControl(p.isSet(QStringLiteral("progress")));
    auto plan = RetentionPlanner::plan(target.value(), request, control);
    if (!plan)
        return fail(plan.error(), json);
    QTextStream out(stdout);
    QJsonObject o = plan->toJson();
    if (journal && !resume)
        o.insert(QStringLiteral("interrupted"),
                 QJsonObject{{QStringLiteral("started_at"), journal->startedAt.toString(Qt::ISODate)},
                             {QStringLiteral("policies"), QJsonArray::fromStringList(journal->policies)}});
    if (!apply || !p.isSet(QStringLiteral("yes"))) {
        o.insert(QStringLiteral("dry_run"), true);
        o.insert(QStringLiteral("status"), QStringLiteral("preview"));
        if (json) {
            printJson(o);
        } else {
            printPlan(out, plan.value());
            if (journal && !resume)
                out << "\nAn interrupted cleanup is pending (started " << journal->startedAt.toString(Qt::ISODate)
                    << "): --apply --yes --resume finishes it.\n";
            out << "\nNothing was changed."
                << (apply ? " To delete, run the same command with --yes.\n"
                          : " To delete, run it with --apply --yes.\n");
        }
        return apply ? ExitWarning : ExitOk;
    }
    if (!json) {
        printPlan(out, plan.value());
        out.flush();
    }
    RetentionApplyOptions options;
    options.batchRows = std::max(1, int(batchRows.value()));
    options.targetBatchMs = int(batchMs.value());
    options.pauseMs = int(pauseMs.value());
    options.maxBatches = int(maxBatches.value());
    options.safetyBackup = !p.isSet(QStringLiteral("no-safety-backup"));
    options.backupDir = p.value(QStringLiteral("backup-dir"));
    options.resumed = resume;
    g_stop = &control.token;
    std::signal(SIGINT, stopBetweenBatches);
    std::signal(SIGTERM, stopBetweenBatches);
    const RetentionResult result = RetentionRunner::apply(plan.value(), options, control);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_stop = nullptr;
    o.insert(QStringLiteral("dry_run"), false);
    const QJsonObject applied = result.toJson();
    for (auto it = applied.begin(); it != applied.end(); ++it)
        o.insert(it.key(), it.value());
    if (json) {
        printJson(o);
    } else {
        out << '\n';
        if (result.hasSafetyBackup)
            out << "safety backup " << result.safetyBackup.path << '\n';
        out << "deleted       " << result.deleted << " rows in " << result.batches << " batches";
        if (result.archived > 0)
            out << " (" << result.archived << " archived first)";
        out << " — " << RetentionResult::statusName(result.status) << '\n';
        if (result.freedBytes > 0)
            out << "freed         " << humanBytes(result.freedBytes)
                << " inside the file (new rows reuse it; VACUUM gives it back to the disk)\n";
        out.flush();
        if (result.error)
            QTextStream(stderr) << "dbops: " << result.error.oneLine() << Qt::endl;
    }
    return result.ok() ? ExitOk : ExitCritical;
}

const RegisterCommand reg({kCommand,
                           QStringLiteral("retention: dry run, then batched delete/archive with --apply --yes"), run});

} // namespace
} // namespace dbops::cli
