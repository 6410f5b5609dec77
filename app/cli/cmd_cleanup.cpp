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
#include "connection/storediscovery.h"
#include "core/format.h"
#include "opsprogress.h"
#include "schema/bottables.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTextStream>
#include <csignal>
#include <optional>

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
    out << "store   " << plan.target.display() << "\ncut-off counted back from " << Format::moment(plan.now) << "\n\n";
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
                   .arg(Format::count(m.rows), 15)
                   .arg(Format::count(m.totalRows), 12)
                   .arg(m.oldestAt.isValid() ? Format::moment(m.oldestAt) : m.oldest, -25)
                   .arg(m.newestAt.isValid() ? Format::moment(m.newestAt) : m.newest, -25)
                   .arg(m.bytesEstimate < 0 ? QStringLiteral("?") : Format::bytes(m.bytesEstimate), 10)
                   .arg(m.archiveTable.isEmpty() ? QString()
                                                 : QString(QStringLiteral("  → archived into ") + m.archiveTable));
    out << "\n" << Format::count(plan.totalRows()) << " rows in all";
    if (plan.bytesEstimate() >= 0)
        out << ", about " << Format::bytes(plan.bytesEstimate());
    out << '\n';
    for (const WriterEvidence &w : plan.writers.writers)
        out << "  in use: " << w.describe() << " (batches are short: the bot keeps writing)\n";
    for (const QString &n : plan.notes)
        out << "  note: " << n << '\n';
}

// The SQLite stores of a data directory, by their path relative to it ("trading/trading.db").
QStringList storesIn(const QString &dir)
{
    QStringList stores;
    for (const DiscoveredItem &item : StoreDiscovery::scan(dir))
        if (item.kind == DiscoveredItem::Kind::Sqlite)
            stores << item.relativePath;
    return stores;
}

// --store as given (relative to the data directory), else a bare file name that names exactly one store
// ("trading.db" for trading/trading.db).
Expected<QString> storePath(const Target &target, const QString &store, const QStringList &stores)
{
    const QString path = QDir(target.path).absoluteFilePath(store);
    if (QFileInfo::exists(path) || store.contains(QLatin1Char('/')))
        return path;
    QStringList named;
    for (const QString &s : stores)
        if (s.section(QLatin1Char('/'), -1) == store)
            named << s;
    if (named.size() == 1)
        return QDir(target.path).absoluteFilePath(named.first());
    const QStringList &choices = named.isEmpty() ? stores : named;
    return Error::make(ErrorCode::Usage,
                       named.isEmpty() ? QStringLiteral("no store %1 in %2").arg(store, target.path)
                                       : QStringLiteral("%1 names several stores in %2").arg(store, target.path),
                       QStringLiteral("give --store one of: %1").arg(choices.join(QStringLiteral(", "))));
}

// --store for a data directory: the SQLite file inside it.
Expected<Target> storeTarget(const Target &target, const QString &store)
{
    if (target.kind != Target::Kind::DataDir) {
        if (!store.isEmpty())
            return Error::make(ErrorCode::Usage, QStringLiteral("--store applies to a data directory only"));
        return target;
    }
    const QStringList stores = storesIn(target.path);
    if (store.isEmpty())
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("%1 is a data directory: cleanup runs on one store in it").arg(target.path),
                           stores.isEmpty()
                               ? QStringLiteral("it holds no SQLite store; point --db at one")
                               : QStringLiteral("add --store with one of: %1").arg(stores.join(QStringLiteral(", "))));
    auto path = storePath(target, store, stores);
    if (!path)
        return path.error();
    if (Error e = Connector::checkSqliteFile(path.value()))
        return e;
    Target t = Target::sqliteFile(path.value());
    t.profileName = target.profileName;
    return t;
}

int printSuggestions(const Target &target, bool json)
{
    auto suggestions = RetentionSuggest::scan(target);
    if (!suggestions)
        return fail(suggestions.error(), json);
    const QList<RetentionSuggestion> &items = suggestions->items;
    if (json) {
        QJsonArray a;
        for (const RetentionSuggestion &s : items)
            a.append(QJsonObject{{QStringLiteral("policy"), s.policy.spec()}, {QStringLiteral("why"), s.why}});
        printJson({{QStringLiteral("target"), target.display()},
                   {QStringLiteral("suggestions"), a},
                   {QStringLiteral("bot_tables"), suggestions->botTables}});
    } else {
        QTextStream out(stdout);
        for (const RetentionSuggestion &s : items)
            out << "--policy " << s.policy.spec() << "    # " << s.why << '\n';
        if (!suggestions->botTables)
            out << "nothing to suggest: " << BotTables::noneFound() << ", and dbops deletes none of its rows\n";
        else if (items.isEmpty())
            out << "no table here looks like a cache, log or market-data table with a time column\n";
    }
    return ExitOk;
}

void addOptions(QCommandLineParser &p)
{
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
}

// The command line read into what the core is asked; the policies are chosen later (the interrupted job's, the
// given ones or the profile's).
struct CleanupRequest {
    bool apply = false;     // --apply
    bool confirmed = false; // --apply --yes: delete, not preview
    bool resume = false;
    bool discard = false;
    bool progress = false;
    QStringList specs; // --policy
    RetentionRequest plan;
    RetentionApplyOptions batches;
};

Expected<CleanupRequest> requestFrom(const QCommandLineParser &p)
{
    auto batchRows = numberOption(p, QStringLiteral("batch-rows"), 1000, kCommand);
    const bool fixedBatches = p.isSet(QStringLiteral("batch-rows")) && !p.isSet(QStringLiteral("batch-ms"));
    auto batchMs = numberOption(p, QStringLiteral("batch-ms"), fixedBatches ? 0 : 30, kCommand);
    auto pauseMs = numberOption(p, QStringLiteral("pause-ms"), 20, kCommand);
    auto maxBatches = numberOption(p, QStringLiteral("max-batches"), 0, kCommand);
    for (const auto *n : {&batchRows, &batchMs, &pauseMs, &maxBatches})
        if (!*n)
            return n->error();
    CleanupRequest r;
    r.apply = p.isSet(QStringLiteral("apply"));
    if (r.apply && p.isSet(QStringLiteral("dry-run")))
        return Error::make(ErrorCode::Usage, QStringLiteral("--apply and --dry-run exclude each other"));
    r.confirmed = r.apply && p.isSet(QStringLiteral("yes"));
    r.resume = p.isSet(QStringLiteral("resume"));
    r.discard = p.isSet(QStringLiteral("discard-interrupted"));
    r.progress = p.isSet(QStringLiteral("progress"));
    r.specs = p.values(QStringLiteral("policy"));
    r.plan.estimateSpace = !r.confirmed; // an apply measures what it freed
    r.plan.unlocked = p.values(QStringLiteral("unlock"));
    r.batches.batchRows = std::max(1, int(batchRows.value()));
    r.batches.targetBatchMs = int(batchMs.value());
    r.batches.pauseMs = int(pauseMs.value());
    r.batches.maxBatches = int(maxBatches.value());
    r.batches.safetyBackup = !p.isSet(QStringLiteral("no-safety-backup"));
    r.batches.backupDir = p.value(QStringLiteral("backup-dir"));
    r.batches.resumed = r.resume;
    return r;
}

// The interrupted-job rules, kept in one piece: --discard-interrupted forgets the job, --resume takes over its
// policies and cut-off, and a new --apply is refused while one is pending. Returns the exit code when the
// command ends here.
std::optional<int> interruptedJobRules(const Target &target, const std::optional<RetentionJournal> &journal,
                                       CleanupRequest &r, bool json)
{
    if (r.discard) {
        RetentionResume::discard(target);
        if (!json)
            QTextStream(stdout) << (journal ? "forgot the interrupted cleanup\n" : "no interrupted cleanup\n");
        else
            printJson({{QStringLiteral("status"), QStringLiteral("discarded")},
                       {QStringLiteral("had_interrupted"), bool(journal)}});
        return ExitOk;
    }
    if (r.resume) {
        auto resumed = RetentionResume::request(target, journal, r.specs, r.plan.unlocked);
        if (!resumed)
            return fail(resumed.error(), json);
        const bool estimateSpace = r.plan.estimateSpace;
        r.plan = resumed.value();
        r.plan.estimateSpace = estimateSpace;
    } else if (r.apply) {
        if (Error e = RetentionResume::refuseNewApply(target, journal))
            return fail(e, json);
    }
    return std::nullopt;
}

// The given policies, else the profile's (a resumed job brings its own, see interruptedJobRules).
Error choosePolicies(const Target &target, CleanupRequest &r)
{
    if (r.specs.isEmpty() && !target.profileName.isEmpty())
        if (auto profile = ProfileStore().find(target.profileName))
            r.specs = profile->retentionPolicies;
    if (r.specs.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("no retention policy given"),
                           QStringLiteral("add --policy TABLE:COLUMN:KEEP (see --suggest)"));
    auto policies = RetentionPolicy::parseAll(r.specs);
    if (!policies)
        return policies.error();
    r.plan.policies = policies.value();
    return {};
}

// Each --unlock names a protected table one of this run's policies is on: anything else (a typo, a table no
// policy touches, a file name) would unlock nothing, and silence would let the operator believe it did.
Error checkUnlocks(const QStringList &given, const QList<RetentionPolicy> &policies)
{
    QStringList unlockable;
    for (const RetentionPolicy &p : policies)
        for (const QString &table : p.protectedTables())
            if (!unlockable.contains(table, Qt::CaseInsensitive))
                unlockable << table;
    for (const QString &name : given) {
        if (unlockable.contains(name, Qt::CaseInsensitive))
            continue;
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("--unlock %1: no policy of this run is on a protected table %1").arg(name),
                           unlockable.isEmpty()
                               ? QStringLiteral("no policy here is on a protected table, so nothing needs unlocking: "
                                                "drop --unlock")
                               : QStringLiteral("the protected tables your policies are on: %1 (--unlock one of them)")
                                     .arg(unlockable.join(QStringLiteral(", "))));
    }
    return {};
}

// The plan's JSON, with the interrupted job a plain run leaves pending.
QJsonObject planJson(const RetentionPlan &plan, const std::optional<RetentionJournal> &pending)
{
    QJsonObject o = plan.toJson();
    if (pending)
        o.insert(QStringLiteral("interrupted"),
                 QJsonObject{{QStringLiteral("started_at"), pending->startedAt.toString(Qt::ISODate)},
                             {QStringLiteral("policies"), QJsonArray::fromStringList(pending->policies)}});
    return o;
}

int preview(const RetentionPlan &plan, const std::optional<RetentionJournal> &pending, bool apply, bool json)
{
    QJsonObject o = planJson(plan, pending);
    o.insert(QStringLiteral("dry_run"), true);
    o.insert(QStringLiteral("status"), QStringLiteral("preview"));
    if (json) {
        printJson(o);
    } else {
        QTextStream out(stdout);
        printPlan(out, plan);
        if (pending)
            out << "\nAn interrupted cleanup is pending (started " << Format::moment(pending->startedAt)
                << "): --apply --yes --resume finishes it.\n";
        out << "\nNothing was changed."
            << (apply ? " To delete, run the same command with --yes.\n" : " To delete, run it with --apply --yes.\n");
    }
    return apply ? ExitWarning : ExitOk;
}

// RetentionRunner::apply with Ctrl-C / SIGTERM stopping it between batches.
RetentionResult applyInterruptibly(const RetentionPlan &plan, const RetentionApplyOptions &options,
                                   const OpControl &control)
{
    g_stop = &control.token;
    std::signal(SIGINT, stopBetweenBatches);
    std::signal(SIGTERM, stopBetweenBatches);
    const RetentionResult result = RetentionRunner::apply(plan, options, control);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_stop = nullptr;
    return result;
}

void printApplied(const RetentionResult &result)
{
    QTextStream out(stdout);
    out << '\n';
    if (result.hasSafetyBackup)
        out << "safety backup " << result.safetyBackup.path << '\n';
    out << "deleted       " << result.deleted << " rows in " << result.batches << " batches";
    if (result.archived > 0)
        out << " (" << result.archived << " archived first)";
    out << " — " << RetentionResult::statusName(result.status) << '\n';
    if (result.freedBytes > 0)
        out << "freed         " << Format::bytes(result.freedBytes)
            << " inside the file (new rows reuse it; VACUUM gives it back to the disk)\n";
    out.flush();
    if (result.error)
        printError(result.error);
}

int apply(const RetentionPlan &plan, const std::optional<RetentionJournal> &pending, const CleanupRequest &r,
          const OpControl &control, bool json)
{
    if (!json) {
        QTextStream out(stdout);
        printPlan(out, plan);
    }
    const RetentionResult result = applyInterruptibly(plan, r.batches, control);
    if (json) {
        QJsonObject o = planJson(plan, pending);
        o.insert(QStringLiteral("dry_run"), false);
        const QJsonObject applied = result.toJson();
        for (auto it = applied.begin(); it != applied.end(); ++it)
            o.insert(it.key(), it.value());
        printJson(o);
    } else {
        printApplied(result);
    }
    return result.ok() ? ExitOk : result.status == RetentionResult::Status::Partial ? ExitWarning : ExitCritical;
}

int run(const Invocation &in)
{
    const bool json = in.json();
    auto target = storeTarget(in.target(), in.options().value(QStringLiteral("store")));
    if (!target)
        return in.fail(target.error());
    if (in.options().isSet(QStringLiteral("suggest")))
        return printSuggestions(target.value(), json);
    auto request = requestFrom(in.options());
    if (!request)
        return in.fail(request.error());
    if (request->confirmed)
        if (const int code = in.refuseWhenReadOnly(QStringLiteral("cleanup of %1").arg(target->display())))
            return code;
    const auto journal = RetentionJournal::load(target.value());
    if (const auto code = interruptedJobRules(target.value(), journal, request.value(), json))
        return *code;
    if (!request->resume) // a resumed job's policies come from RetentionResume, with its cut-off
        if (const Error e = choosePolicies(target.value(), request.value()))
            return in.fail(e);
    if (const Error e = checkUnlocks(in.options().values(QStringLiteral("unlock")), request->plan.policies))
        return in.fail(e);
    const OpControl control = progressControl(request->progress);
    auto plan = RetentionPlanner::plan(target.value(), request->plan, control);
    if (!plan)
        return in.fail(plan.error());
    std::optional<RetentionJournal> pending; // a plain run leaves an interrupted job pending; --resume takes it
    if (!request->resume)
        pending = journal;
    if (!request->confirmed)
        return preview(plan.value(), pending, request->apply, json);
    return apply(plan.value(), pending, request.value(), control, json);
}

const RegisterCommand
    reg({kCommand, QStringLiteral("retention: dry run, then batched delete/archive with --apply --yes"),
         QStringLiteral(
             "Retention: delete (or archive, then delete) rows older than a policy keeps. Without --apply: a dry "
             "run listing per table the rows that would go, their oldest/newest time and the space they hold. "
             "With --apply --yes: a safety backup, then small batches (each a short transaction) so the bot "
             "keeps writing; cancel (Ctrl-C) or a failure leaves every finished batch done and the rest "
             "untouched, and --resume finishes with the same cut-off. Protected tables (trades, orders, "
             "positions, fills, balances, audit) are refused unless unlocked. Exit 0 done or dry run, 1 --apply "
             "without --yes (preview only) or partial (rows the bot held locked skipped: --resume finishes them), "
             "2 refused/failed/cancelled, 3 bad input."),
         TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
