// dbops sessions: an application's leaked PostgreSQL sessions (idle in transaction, or idle longer than
// --idle-over); with --terminate --yes they are ended (pg_terminate_backend), audited.
#include "cliutil.h"
#include "command.h"
#include "maintenance/durationtext.h"
#include "maintenance/leakedsessions.h"

#include <QTextStream>

namespace dbops::cli {
namespace {

constexpr double kMinIdleOverSeconds = 60;

void printPreview(QTextStream &out, const LeakPreview &p)
{
    out << "application " << p.criteria.application << " on " << p.target.display() << ": " << p.applicationSessions
        << " session(s), " << p.sessions.size() << " leaked\n";
    for (const LeakSuspect &s : p.sessions)
        out << QStringLiteral("  pid %1  %2  %3  %4\n")
                   .arg(s.pid, 7)
                   .arg(s.state, -30)
                   .arg(s.reason, -36)
                   .arg(s.query.simplified().left(60));
}

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("app"), QStringLiteral("The application_name whose sessions to look at."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("idle-over"), QStringLiteral("Idle sessions older than this count too (90s, 10m, 2h)."),
                 QStringLiteral("DURATION")});
    p.addOption({QStringLiteral("idle-in-transaction-over"),
                 QStringLiteral("Idle-in-transaction sessions count once older than this (default 0)."),
                 QStringLiteral("DURATION")});
    p.addOption({QStringLiteral("no-idle-in-transaction"),
                 QStringLiteral("Leave idle-in-transaction sessions out (only --idle-over).")});
    p.addOption({QStringLiteral("all-databases"), QStringLiteral("Every database of the server, not only --db's.")});
    p.addOption({QStringLiteral("pid"), QStringLiteral("Terminate only this pid of the list (repeatable)."),
                 QStringLiteral("PID")});
    p.addOption({QStringLiteral("terminate"), QStringLiteral("End the listed sessions (needs --yes).")});
    p.addOption({QStringLiteral("yes"), QStringLiteral("Confirm --terminate.")});
}

Expected<LeakCriteria> criteriaFrom(const QCommandLineParser &p)
{
    LeakCriteria criteria;
    criteria.application = p.value(QStringLiteral("app"));
    criteria.idleInTransaction = !p.isSet(QStringLiteral("no-idle-in-transaction"));
    criteria.allDatabases = p.isSet(QStringLiteral("all-databases"));
    for (const QString &name : {QStringLiteral("idle-over"), QStringLiteral("idle-in-transaction-over")}) {
        if (!p.isSet(name))
            continue;
        auto seconds = DurationText::parseSeconds(p.value(name));
        if (!seconds)
            return seconds.error();
        // A pool keeps idle connections on purpose: only one idle for long is a leak. Under a minute every healthy
        // pooled connection would be listed, and ended with --terminate.
        if (name == QLatin1String("idle-over") && seconds.value() < kMinIdleOverSeconds)
            return Error::make(
                ErrorCode::Usage,
                QStringLiteral("--idle-over %1 would take the pool's healthy idle connections for leaks")
                    .arg(p.value(name)),
                QStringLiteral("give at least %1 (e.g. 10m)").arg(DurationText::format(kMinIdleOverSeconds)));
        (name == QLatin1String("idle-over") ? criteria.idleOverSeconds : criteria.idleInTransactionOverSeconds) =
            seconds.value();
    }
    if (Error e = criteria.validate())
        return e;
    return criteria;
}

int preview(const Target &target, const LeakCriteria &criteria, bool json)
{
    auto preview = LeakedSessions::preview(target, criteria);
    if (!preview)
        return fail(preview.error(), json);
    output(preview.value(), json, [](QTextStream &out, const LeakPreview &p) {
        printPreview(out, p);
        if (!p.sessions.isEmpty())
            out << "\nNothing was changed. To end them: the same command with --terminate --yes.\n";
    });
    return preview->sessions.isEmpty() ? ExitOk : ExitWarning;
}

int terminate(const Target &target, const LeakCriteria &criteria, const QList<int> &pids, bool json)
{
    auto done = LeakedSessions::terminate(target, criteria, pids, SessionOptions::action());
    if (!done)
        return fail(done.error(), json);
    output(done.value(), json, [](QTextStream &out, const LeakTermination &r) {
        printPreview(out, r.preview);
        for (const TerminateOutcome &o : r.outcomes)
            out << "  pid " << o.pid << ": "
                << (o.error ? QStringLiteral("FAILED ") + o.error.oneLine() : QStringLiteral("terminated")) << '\n';
        out << r.terminated() << " terminated, " << r.failed() << " failed\n";
    });
    return done->failed() == 0 ? ExitOk : ExitCritical;
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    auto criteria = criteriaFrom(p);
    if (!criteria)
        return in.fail(criteria.error());
    if (!p.isSet(QStringLiteral("terminate")) || !p.isSet(QStringLiteral("yes")))
        return preview(in.target(), criteria.value(), in.json());
    if (const int code = in.refuseWhenReadOnly(QStringLiteral("terminating sessions on %1").arg(in.target().display())))
        return code;
    QList<int> pids;
    for (const QString &v : p.values(QStringLiteral("pid")))
        pids << v.toInt();
    return terminate(in.target(), criteria.value(), pids, in.json());
}

const RegisterCommand reg(
    {QStringLiteral("sessions"), QStringLiteral("list / terminate an application's leaked PostgreSQL sessions"),
     QStringLiteral("Leaked PostgreSQL sessions of one application (--app): idle in transaction, or idle longer than "
                    "--idle-over (e.g. 10m). The console's own sessions and background workers are never listed. With "
                    "--terminate --yes the listed sessions are terminated (read again first; audited). Exit 0 none "
                    "leaked / all terminated, 1 leaked sessions listed, 2 a termination failed, 3 bad input / cannot "
                    "connect."),
     TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
