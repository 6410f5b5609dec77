// dbops pool: is the pool exhausted or leaking? PostgreSQL connections by application and state against
// max_connections and each bot's pool maximum, with leak suspects; SQLite processes, write lock, WAL and
// checkpoint state, lock files, all read without writing to the store (--active-probes adds the probes that
// do). Exit code by the thresholds (1 warning, 2 critical).
#include "activity/poolprobe.h"
#include "cliutil.h"
#include "command.h"
#include "connection/profilestore.h"
#include "core/format.h"
#include "core/severityjson.h"

#include <QTextStream>

namespace dbops::cli {
namespace {

const QString kPoolMax = QStringLiteral("pool-max");
const QString kWarn = QStringLiteral("warn");
const QString kCritical = QStringLiteral("critical");
const QString kIdleTx = QStringLiteral("idle-tx-seconds");
const QString kIdle = QStringLiteral("idle-seconds");
const QString kNoCheckpoint = QStringLiteral("no-checkpoint");
const QString kActiveProbes = QStringLiteral("active-probes");

void addOptions(QCommandLineParser &p)
{
    p.addOption({kPoolMax,
                 QStringLiteral("Pool maxima per application_name, e.g. trading_bot=100,bot_ai_v3=20 (default: the "
                                "profile's pool maxima)."),
                 QStringLiteral("APP=N,...")});
    p.addOption({kWarn, QStringLiteral("Usage % that is a warning (default 80)."), QStringLiteral("PCT")});
    p.addOption({kCritical, QStringLiteral("Usage % that is critical (default 95)."), QStringLiteral("PCT")});
    p.addOption({kIdleTx, QStringLiteral("Idle in transaction longer than this is a leak suspect (default 60)."),
                 QStringLiteral("SECONDS")});
    p.addOption({kIdle,
                 QStringLiteral("Idle longer than this while the application's pool is at the warning level is a "
                                "leak suspect (default 600)."),
                 QStringLiteral("SECONDS")});
    p.addOption({kActiveProbes,
                 QStringLiteral("SQLite: also run the active probes, which WRITE to the store: take the write lock "
                                "briefly (BEGIN IMMEDIATE, rolled back) and run a PASSIVE checkpoint (folds the WAL "
                                "into the database file). Off by default: pool only reads.")});
    p.addOption({kNoCheckpoint, QStringLiteral("With --active-probes: skip the checkpoint.")});
}

Expected<PoolOptions> poolOptions(const QCommandLineParser &p, const Target &target)
{
    PoolOptions o;
    if (!target.profileName.isEmpty())
        if (auto profile = ProfileStore().find(target.profileName))
            o.poolMaxima = profile->poolMaxima;
    if (p.isSet(kPoolMax)) {
        auto maxima = PoolOptions::parsePoolMaxima(p.value(kPoolMax));
        if (!maxima)
            return maxima.error();
        for (auto it = maxima->cbegin(); it != maxima->cend(); ++it)
            o.poolMaxima.insert(it.key(), it.value());
    }
    for (auto [field, name] : {std::pair{&o.warnPct, kWarn}, std::pair{&o.criticalPct, kCritical},
                               std::pair{&o.idleInTransactionSeconds, kIdleTx}, std::pair{&o.idleSeconds, kIdle}}) {
        auto v = numberOption(p, name, *field, QStringLiteral("pool"));
        if (!v)
            return v.error();
        *field = v.value();
    }
    o.activeProbes = p.isSet(kActiveProbes);
    o.checkpoint = !p.isSet(kNoCheckpoint);
    return o;
}

QString counts(const StateCounts &c)
{
    return QStringLiteral("%1 active, %2 waiting, %3 idle, %4 idle in tx, %5 aborted")
               .arg(c.active)
               .arg(c.waiting)
               .arg(c.idle)
               .arg(c.idleInTransaction)
               .arg(c.idleInTransactionAborted) +
           (c.hidden > 0 ? QStringLiteral(", %1 state unknown (no privilege)").arg(c.hidden) : QString());
}

void printPg(QTextStream &out, const PgPool &p)
{
    out << "connections " << p.total << " of " << p.availableConnections << " available (max_connections "
        << p.maxConnections << ", " << p.reservedConnections << " reserved) = " << QString::number(p.usagePct, 'f', 1)
        << " %  [" << severityName(p.severity) << "]\n";
    out << "console     " << p.consoleCounts.total() << " own session(s), not counted below\n";
    if (!p.privileged)
        out << "privilege   " << p.privilegeHint << "; " << p.hiddenSessions
            << " session(s) counted without their state, no leak judgement for them\n";
    out << '\n';
    for (const AppUsage &a : p.applications) {
        out << (a.name.isEmpty() ? QStringLiteral("(no application_name)") : a.name) << ": " << a.counts.total();
        if (a.poolMax > 0)
            out << " of pool " << a.poolMax << " = " << QString::number(a.usagePct, 'f', 1) << " %  ["
                << severityName(a.severity) << "]";
        out << "\n    " << counts(a.counts) << '\n';
        for (const PoolGroup &g : a.groups)
            out << "    " << g.user << '@' << (g.clientAddr.isEmpty() ? QStringLiteral("local") : g.clientAddr) << '/'
                << g.database << ": " << g.counts.total() << '\n';
    }
    if (!p.leakSuspects.isEmpty())
        out << "\nleak suspects\n";
    for (const LeakSuspect &l : p.leakSuspects)
        out << "  pid " << l.pid << "  " << l.application << "  " << l.state << " "
            << Format::duration(qRound64(l.seconds)) << "  " << l.query.simplified().left(80) << '\n';
}

void printSqlite(QTextStream &out, const SqlitePool &s)
{
    out << s.path << "  [" << severityName(s.severity) << "]\n";
    out << "  journal " << (s.journalMode.isEmpty() ? QStringLiteral("unknown") : s.journalMode) << ", WAL "
        << Format::bytes(s.walBytes) << " (" << s.walFrames << " frames), write lock " << s.writeLockText() << '\n';
    if (s.checkpoint.source == QLatin1String("wal_index"))
        out << "  WAL index: " << s.checkpoint.logFrames << " frames, " << s.checkpoint.checkpointed
            << " checkpointed (read without checkpointing)\n";
    if (s.activeProbes)
        out << "  active probes (they write to the store): write lock taken and released in "
            << Format::milliseconds(s.lockProbeMs) << '\n';
    if (s.checkpoint.ran)
        out << "  checkpoint (PASSIVE): busy " << int(s.checkpoint.busy) << ", log " << s.checkpoint.logFrames
            << ", checkpointed " << s.checkpoint.checkpointed << '\n';
    for (const FileHolder &h : s.holders.holders)
        out << "  held by pid " << h.pid << " (" << h.command << (h.isSelf ? ", this console" : "") << ")\n";
    if (s.holders.unreadableProcesses > 0)
        out << "  (" << s.holders.unreadableProcesses << " processes of other users could not be inspected)\n";
    for (const DiscoveredItem &l : s.lockFiles)
        out << "  lock file " << l.path << ": pid " << l.pid
            << (l.lockAlive ? " held by its writer" : " stale (no writer holds it)") << '\n';
    for (const QString &f : s.findings)
        out << "  finding: " << f << '\n';
}

int run(const Invocation &in)
{
    auto options = poolOptions(in.options(), in.target());
    if (!options)
        return in.fail(options.error());
    auto snap = PoolProbe::collect(in.target(), SessionOptions::monitor(), options.value());
    if (!snap)
        return in.failRead(snap.error());
    output(snap.value(), in.json(), [](QTextStream &out, const PoolSnapshot &s) {
        if (s.pg)
            printPg(out, *s.pg);
        for (const SqlitePool &store : s.sqlite)
            printSqlite(out, store);
    });
    return severityExitCode(snap->worst());
}

const RegisterCommand reg({QStringLiteral("pool"), QStringLiteral("connection-pool usage, leak suspects, locks"),
                           QStringLiteral("Show connection-pool usage: PostgreSQL connections by application and state "
                                          "against max_connections and pool maxima, leak suspects; SQLite processes, "
                                          "write lock, WAL and checkpoint, lock files. Exit 1 at the warning, 2 at the "
                                          "critical threshold."),
                           TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
