// The bundle's live sections: what the connections, locks and statements look like at capture time.
#include "activity/pgslowprobe.h"
#include "activity/poolprobe.h"
#include "activity/probestore.h"
#include "activity/statementbaseline.h"
#include "connection/profilestore.h"
#include "core/format.h"
#include "core/severityjson.h"
#include "incident/incidentsections.h"
#include "maintenance/stalelocks.h"

#include <QJsonArray>

namespace dbops {

namespace {

PoolOptions poolOptionsFor(const Target &target)
{
    PoolOptions o;
    if (!target.profileName.isEmpty())
        if (auto profile = ProfileStore().find(target.profileName))
            o.poolMaxima = profile->poolMaxima;
    return o;
}

QString poolHeadline(const PoolSnapshot &s)
{
    if (s.pg)
        return QStringLiteral("%1 connections of %2 available (%3 %), %4 leak suspect(s): %5")
            .arg(s.pg->total)
            .arg(s.pg->availableConnections)
            .arg(QString::number(s.pg->usagePct, 'f', 1))
            .arg(s.pg->leakSuspects.size())
            .arg(severityName(s.worst()));
    int held = 0;
    for (const SqlitePool &store : s.sqlite)
        held += store.holders.holders.size();
    return QStringLiteral("%1 store(s), %2 process(es) holding them: %3")
        .arg(s.sqlite.size())
        .arg(held)
        .arg(severityName(s.worst()));
}

SlowOptions slowOptionsFor(const Target &target, StatementBaseline *baseline)
{
    SlowOptions o;
    if (target.isSqlite()) {
        if (auto saved = ProbeStore().load(target))
            o.sqliteProbes = saved.value();
    } else if (auto mark = StatementBaseline::load(target.toSpec())) {
        // Deltas since the operator's last mark (`dbops slow --mark`, the Activity tab): the minutes that
        // matter, not the totals since the statistics were last reset.
        *baseline = mark.value();
        o.baseline = baseline;
    }
    return o;
}

QString slowHeadline(const SlowSnapshot &s)
{
    int blocked = 0;
    for (const RunningQuery &r : s.running)
        blocked += r.blockedBy.isEmpty() ? 0 : 1;
    const QString since = s.baselineAt.isValid()
                              ? QStringLiteral("deltas since %1").arg(s.baselineAt.toString(Qt::ISODate))
                              : QStringLiteral("totals (no mark taken)");
    return QStringLiteral("%1 statement(s) from %2, %3; %4 running over %5 ms, %6 blocked: %7")
        .arg(s.statements.size())
        .arg(s.source, since)
        .arg(s.running.size())
        .arg(s.thresholdMs)
        .arg(blocked)
        .arg(severityName(s.worst()));
}

} // namespace

IncidentSection IncidentSections::pool()
{
    return IncidentSection::json(QStringLiteral("pool"), QStringLiteral("Connections and pool"),
                                 [](IncidentContext &ctx) -> Expected<IncidentSection::Data> {
                                     auto snap = PoolProbe::collect(ctx.target(), SessionOptions::monitor(),
                                                                    poolOptionsFor(ctx.target()));
                                     if (!snap)
                                         return snap.error();
                                     return IncidentSection::Data{snap->toJson(), poolHeadline(snap.value())};
                                 });
}

IncidentSection IncidentSections::wal()
{
    return IncidentSection::json(
        QStringLiteral("wal"), QStringLiteral("WAL and checkpoints"),
        [](IncidentContext &ctx) -> Expected<IncidentSection::Data> {
            if (!ctx.target().isSqlite())
                return IncidentSection::Data{
                    {{QStringLiteral("engine"), QStringLiteral("postgresql")},
                     {QStringLiteral("note"), QStringLiteral("the server's WAL is not read by dbops; see pool.json "
                                                             "and health.json")}},
                    QStringLiteral("PostgreSQL: not read")};
            // The pool section read it a moment ago, without writing: take the WAL half of what it found.
            QJsonArray stores;
            qint64 walBytes = 0;
            for (const QJsonValue &v :
                 ctx.found.value(QStringLiteral("pool")).value(QStringLiteral("stores")).toArray()) {
                const QJsonObject s = v.toObject();
                QJsonObject w;
                for (const char *key : {"path", "journal_mode", "wal_bytes", "wal_frames", "checkpoint", "write_lock"})
                    if (s.contains(QLatin1String(key)))
                        w.insert(QLatin1String(key), s.value(QLatin1String(key)));
                walBytes += qint64(s.value(QStringLiteral("wal_bytes")).toDouble());
                stores.append(w);
            }
            if (stores.isEmpty())
                return Error::make(ErrorCode::NotFound, QStringLiteral("no WAL state: the pool could not be read"),
                                   QStringLiteral("see pool.json"));
            return IncidentSection::Data{
                {{QStringLiteral("engine"), QStringLiteral("sqlite")}, {QStringLiteral("stores"), stores}},
                QStringLiteral("%1 store(s), %2 of WAL").arg(stores.size()).arg(Format::bytes(walBytes))};
        });
}

IncidentSection IncidentSections::slow()
{
    const auto write = [](IncidentContext &ctx, IncidentFiles &files) -> Expected<QString> {
        StatementBaseline baseline;
        const SlowOptions options = slowOptionsFor(ctx.target(), &baseline);
        auto snap = SlowProbe::collect(ctx.target(), SessionOptions::monitor(), options);
        const QStringList names{QStringLiteral("slow.json"), QStringLiteral("running.json"),
                                QStringLiteral("blocking.json")};
        if (!snap) {
            for (const QString &name : names)
                if (const Error e = files.writeJson(name, IncidentFiles::errorJson(snap.error())))
                    return e;
            return snap.error();
        }
        const QJsonObject all = snap->toJson();
        ctx.found.insert(QStringLiteral("slow"), all);
        const QJsonObject at{{QStringLiteral("at"), all.value(QStringLiteral("at"))}};
        QJsonObject running = at, blocking = at;
        running.insert(QStringLiteral("threshold_ms"), all.value(QStringLiteral("threshold_ms")));
        running.insert(QStringLiteral("running"), all.value(QStringLiteral("running")));
        blocking.insert(QStringLiteral("blocking_tree"), all.value(QStringLiteral("blocking_tree")));
        for (const auto &[name, json] :
             {std::pair{names[0], all}, std::pair{names[1], running}, std::pair{names[2], blocking}})
            if (const Error e = files.writeJson(name, json))
                return e;
        return slowHeadline(snap.value());
    };
    return {QStringLiteral("slow"), QStringLiteral("Slow and running statements, blocking"), write};
}

IncidentSection IncidentSections::locks()
{
    return IncidentSection::json(
        QStringLiteral("locks"), QStringLiteral("Lock files"),
        [](IncidentContext &ctx) -> Expected<IncidentSection::Data> {
            if (!ctx.target().isSqlite())
                return IncidentSection::Data{
                    {{QStringLiteral("engine"), QStringLiteral("postgresql")},
                     {QStringLiteral("note"), QStringLiteral("lock files belong to SQLite data directories; "
                                                             "who waits on whom is in blocking.json")}},
                    QStringLiteral("PostgreSQL: see the blocking tree")};
            auto dir = StaleLocks::directoryFor(ctx.target());
            if (!dir)
                return dir.error();
            auto scan = StaleLocks::scan(dir.value());
            if (!scan)
                return scan.error();
            return IncidentSection::Data{
                scan->toJson(),
                QStringLiteral("%1 lock file(s), %2 stale").arg(scan->locks.size()).arg(scan->staleCount())};
        });
}

} // namespace dbops
