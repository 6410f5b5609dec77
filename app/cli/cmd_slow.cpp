// dbops slow: which query is slow or blocking? pg_stat_statements top N (deltas since a mark, never a
// reset), or sampling of pg_stat_activity without it; running statements and open transactions over the
// threshold with the blocking tree; cancel / terminate (audited) and EXPLAIN. SQLite: timed probe queries
// with EXPLAIN QUERY PLAN findings; the operator's own probes can be remembered per profile (or store).
#include "activity/pgslowprobe.h"
#include "activity/probestore.h"
#include "activity/sessionactions.h"
#include "cliutil.h"
#include "command.h"
#include "connection/connector.h"
#include "core/format.h"
#include "core/severityjson.h"

#include <QJsonArray>
#include <QTextStream>

namespace dbops::cli {
namespace {

const QString kThreshold = QStringLiteral("threshold");
const QString kTop = QStringLiteral("top");
const QString kOrder = QStringLiteral("order");
const QString kMark = QStringLiteral("mark");
const QString kSinceMark = QStringLiteral("since-mark");
const QString kSamples = QStringLiteral("samples");
const QString kInterval = QStringLiteral("interval");
const QString kProbe = QStringLiteral("probe");
const QString kNoDefaults = QStringLiteral("no-default-probes");
const QString kSaveProbes = QStringLiteral("save-probes");
const QString kForgetProbes = QStringLiteral("forget-probes");
const QString kCancel = QStringLiteral("cancel");
const QString kTerminate = QStringLiteral("terminate");
const QString kYes = QStringLiteral("yes");
const QString kExplain = QStringLiteral("explain");
const QString kAnalyze = QStringLiteral("analyze");

void addOptions(QCommandLineParser &p)
{
    p.addOptions({
        {kThreshold, QStringLiteral("Slow-query threshold in ms (default 100)."), QStringLiteral("MS")},
        {kTop, QStringLiteral("How many statements (default 20)."), QStringLiteral("N")},
        {kOrder, QStringLiteral("Order statements by total, mean or calls (default total)."), QStringLiteral("BY")},
        {kMark, QStringLiteral("PostgreSQL: remember pg_stat_statements now (never resets them) for --since-mark.")},
        {kSinceMark, QStringLiteral("PostgreSQL: show statements as deltas since the last --mark.")},
        {kSamples, QStringLiteral("Without pg_stat_statements: samples of pg_stat_activity to take (default 1)."),
         QStringLiteral("N")},
        {kInterval, QStringLiteral("Milliseconds between samples (default 200)."), QStringLiteral("MS")},
        {kProbe, QStringLiteral("SQLite: a probe query of your own (repeatable), timed with the saved ones."),
         QStringLiteral("SQL")},
        {kSaveProbes, QStringLiteral("SQLite: remember the --probe queries for this profile (or store), so that every "
                                     "later run and the Activity tab time them too.")},
        {kForgetProbes, QStringLiteral("SQLite: forget the probe queries remembered for this profile (or store).")},
        {kNoDefaults, QStringLiteral("SQLite: only your probe queries, not the defaults from the schema.")},
        {kCancel, QStringLiteral("Cancel the statement of session PID (pg_cancel_backend); needs --yes."),
         QStringLiteral("PID")},
        {kTerminate, QStringLiteral("Terminate session PID (pg_terminate_backend); needs --yes."),
         QStringLiteral("PID")},
        {kYes, QStringLiteral("Confirm --cancel / --terminate.")},
        {kExplain, QStringLiteral("EXPLAIN this statement (without ANALYZE unless --analyze)."), QStringLiteral("SQL")},
        {kAnalyze, QStringLiteral("With --explain: EXPLAIN ANALYZE, in a transaction rolled back afterwards.")},
    });
}

int runAction(const Invocation &in, const Target &target)
{
    const QCommandLineParser &p = in.options();
    if (!p.isSet(kExplain) && p.isSet(kYes))
        if (const int code = in.refuseWhenReadOnly(p.isSet(kCancel) ? QStringLiteral("cancel of a statement")
                                                                    : QStringLiteral("terminate of a session")))
            return code;
    if (!target.isPostgres())
        return in.fail(Error::make(ErrorCode::Unsupported,
                                   QStringLiteral("cancel, terminate and EXPLAIN are for PostgreSQL"),
                                   QStringLiteral("SQLite: use the probe queries")));
    const bool isExplain = p.isSet(kExplain);
    const SessionOptions session = isExplain ? SessionOptions::monitor() : SessionOptions::action();
    ScopedConnection conn(target, session, QStringLiteral("slow-action"));
    if (!conn.ok())
        return in.fail(conn.error());
    if (isExplain) {
        auto plan = SessionActions::explain(conn.db(), target, p.value(kExplain), p.isSet(kAnalyze));
        if (!plan)
            return in.fail(plan.error());
        if (in.json())
            printJson({{QStringLiteral("status"), QStringLiteral("ok")},
                       {QStringLiteral("plan"), QJsonArray::fromStringList(plan.value())}});
        else
            QTextStream(stdout) << plan->join(QLatin1Char('\n')) << '\n';
        return ExitOk;
    }
    const auto kind = p.isSet(kCancel) ? SessionActions::Kind::Cancel : SessionActions::Kind::Terminate;
    bool ok = false;
    const int pid = p.value(kind == SessionActions::Kind::Cancel ? kCancel : kTerminate).toInt(&ok);
    if (!ok || pid <= 0)
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("--cancel / --terminate want a pid")));
    if (!p.isSet(kYes))
        return in.fail(
            Error::make(ErrorCode::Usage,
                        QStringLiteral("%1 of pid %2 needs confirmation").arg(SessionActions::kindName(kind)).arg(pid),
                        QStringLiteral("add --yes once you are sure (try --cancel before --terminate)")));
    if (const Error e = SessionActions::signal(conn.db(), target, pid, kind, AuditLog()))
        return in.fail(e);
    if (in.json())
        printJson({{QStringLiteral("status"), QStringLiteral("ok")},
                   {QStringLiteral("action"), SessionActions::kindName(kind)},
                   {QStringLiteral("pid"), pid}});
    else
        QTextStream(stdout) << SessionActions::kindName(kind) << " sent to pid " << pid << '\n';
    return ExitOk;
}

int mark(const Invocation &in, const Target &target)
{
    ScopedConnection conn(target, SessionOptions::monitor(), QStringLiteral("slow-mark"));
    if (!conn.ok())
        return in.fail(conn.error());
    auto baseline = StatementBaseline::capture(conn.db(), target);
    if (!baseline)
        return in.fail(baseline.error());
    if (const Error e = baseline->save(target.toSpec()))
        return in.fail(e);
    if (in.json())
        printJson({{QStringLiteral("status"), QStringLiteral("ok")},
                   {QStringLiteral("marked_at"), baseline->at.toString(Qt::ISODateWithMs)},
                   {QStringLiteral("statements"), baseline->byQueryId.size()}});
    else
        QTextStream(stdout) << "marked " << baseline->byQueryId.size() << " statements at "
                            << Format::moment(baseline->at) << '\n';
    return ExitOk;
}

void printText(QTextStream &out, const SlowSnapshot &s)
{
    out << "source " << s.source << ", threshold " << s.thresholdMs << " ms, by " << s.order;
    if (s.baselineAt.isValid())
        out << ", since " << Format::moment(s.baselineAt);
    out << '\n';
    if (!s.extensionHint.isEmpty())
        out << "note: " << s.extensionHint << '\n';
    out << "\n     calls        mean       total  %total  statement\n";
    for (const StatementStat &st : s.statements) {
        out << QStringLiteral("%1 %2 %3 %4  ")
                   .arg(Format::count(st.calls), 10)
                   .arg(Format::milliseconds(st.meanMs), 11)
                   .arg(Format::milliseconds(st.totalMs), 11)
                   .arg(st.pctOfTotal, 6, 'f', 1)
            << (st.name.isEmpty() ? QString() : st.name + QStringLiteral(": ")) << st.query.simplified().left(100)
            << '\n';
        for (const QString &f : st.findings)
            out << "      finding: " << f << '\n';
    }
    if (!s.running.isEmpty())
        out << "\nrunning now\n";
    for (const RunningQuery &r : s.running) {
        out << "  pid " << r.pid << "  " << r.application << "  " << r.state << "  "
            << Format::milliseconds(r.seconds * 1000.0);
        if (!r.blockedBy.isEmpty()) {
            QStringList by;
            for (int b : r.blockedBy)
                by << QString::number(b);
            out << "  blocked by " << by.join(QLatin1Char(','));
        }
        if (r.blocking > 0)
            out << "  blocks " << r.blocking;
        out << "  " << r.query.simplified().left(80) << '\n';
    }
    if (!s.blockingTree.isEmpty())
        out << "\nblocking tree\n";
    for (const BlockingNode &n : s.blockingTree)
        out << QString(2 + 2 * n.depth, QLatin1Char(' ')) << "pid " << n.pid << '\n';
}

// The operator's probes: the remembered ones (after --forget-probes / --save-probes) and this run's --probe.
Expected<QStringList> operatorProbes(const QCommandLineParser &p, const Target &target)
{
    const QStringList given = p.values(kProbe);
    if (!target.isSqlite()) {
        if (p.isSet(kSaveProbes) || p.isSet(kForgetProbes) || !given.isEmpty())
            return Error::make(ErrorCode::Usage, QStringLiteral("probe queries are for SQLite stores"),
                               QStringLiteral("PostgreSQL has pg_stat_statements (or sampling): drop --probe"));
        return QStringList{};
    }
    const ProbeStore store;
    if (p.isSet(kForgetProbes))
        if (const Error e = store.clear(target))
            return e;
    if (p.isSet(kSaveProbes)) {
        if (given.isEmpty())
            return Error::make(ErrorCode::Usage, QStringLiteral("--save-probes without --probe"),
                               QStringLiteral("give the queries to remember with --probe SQL (repeatable)"));
        if (const Error e = store.add(target, given))
            return e;
    }
    auto saved = store.load(target);
    if (!saved)
        return saved.error();
    QStringList all = saved.value();
    for (const QString &sql : given)
        if (!all.contains(sql.trimmed()))
            all << sql.trimmed();
    return all;
}

// What a snapshot is asked for. options.baseline points at `baseline` (what --since-mark loaded): filled in
// place, never copied.
struct SlowRequest {
    SlowOptions options;
    int samples = 1;
    int intervalMs = 200;
    StatementBaseline baseline;
};

Error readRequest(const QCommandLineParser &p, const Target &target, SlowRequest *request)
{
    SlowOptions &options = request->options;
    auto threshold = numberOption(p, kThreshold, options.thresholdMs, QStringLiteral("slow"));
    auto top = numberOption(p, kTop, options.top, QStringLiteral("slow"));
    auto samples = numberOption(p, kSamples, request->samples, QStringLiteral("slow"));
    auto interval = numberOption(p, kInterval, request->intervalMs, QStringLiteral("slow"));
    for (const auto *v : {&threshold, &top, &samples, &interval})
        if (!*v)
            return v->error();
    options.thresholdMs = threshold.value();
    options.top = int(top.value());
    request->samples = int(samples.value());
    request->intervalMs = int(interval.value());
    options.order = p.isSet(kOrder) ? p.value(kOrder) : options.order;
    if (!SlowOptions::isValidOrder(options.order))
        return Error::make(ErrorCode::Usage, QStringLiteral("--order wants total, mean or calls"),
                           QStringLiteral("see `dbops slow --help`"));
    auto probes = operatorProbes(p, target);
    if (!probes)
        return probes.error();
    options.sqliteProbes = probes.value();
    options.sqliteDefaultProbes = !p.isSet(kNoDefaults);
    if (p.isSet(kSinceMark)) {
        auto baseline = StatementBaseline::load(target.toSpec());
        if (!baseline)
            return baseline.error();
        request->baseline = baseline.value();
        options.baseline = &request->baseline;
    }
    return {};
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    const Target &target = in.target();
    if (p.isSet(kCancel) || p.isSet(kTerminate) || p.isSet(kExplain))
        return runAction(in, target);
    if (p.isSet(kMark))
        return mark(in, target);
    SlowRequest request;
    if (const Error e = readRequest(p, target, &request))
        return in.fail(e);
    auto snap =
        SlowProbe::collect(target, SessionOptions::monitor(), request.options, request.samples, request.intervalMs);
    if (!snap)
        return in.failRead(snap.error());
    output(snap.value(), in.json(), printText);
    return severityExitCode(snap->worst());
}

const RegisterCommand reg({QStringLiteral("slow"), QStringLiteral("slow queries, running statements, blocking tree"),
                           QStringLiteral("Show slow queries: pg_stat_statements top statements (or sampling without "
                                          "it), what runs now over the threshold and the blocking tree; cancel, "
                                          "terminate, EXPLAIN. SQLite: timed probe queries with EXPLAIN QUERY PLAN "
                                          "findings."),
                           TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
