#include "activity/pgpool.h"

#include "core/severityjson.h"

#include <QJsonArray>
#include <algorithm>

namespace dbops {

namespace {

double pct(int part, int whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

PoolGroup &groupFor(AppUsage &app, const PgSession &s)
{
    for (PoolGroup &g : app.groups)
        if (g.user == s.user && g.clientAddr == s.clientAddr && g.database == s.database)
            return g;
    app.groups.append(PoolGroup{s.user, s.clientAddr, s.database, {}});
    return app.groups.last();
}

AppUsage &appFor(QList<AppUsage> &apps, const QString &name)
{
    for (AppUsage &a : apps)
        if (a.name == name)
            return a;
    apps.append(AppUsage{});
    apps.last().name = name;
    return apps.last();
}

LeakSuspect suspectFrom(const PgSession &s, const QString &reason)
{
    return LeakSuspect{s.pid,   s.application,  s.user,           s.database, s.clientAddr,
                       s.state, s.stateSeconds, s.backendSeconds, s.query,    reason};
}

void findLeaks(PgPool &pool, const PgActivity &activity, const PoolOptions &options)
{
    for (const PgSession &s : activity.sessions) {
        if (s.isConsole)
            continue;
        const SessionState state = s.category();
        if ((state == SessionState::IdleInTransaction || state == SessionState::IdleInTransactionAborted) &&
            s.stateSeconds > options.idleInTransactionSeconds) {
            pool.leakSuspects << suspectFrom(
                s, QStringLiteral("idle in transaction for more than %1 s").arg(options.idleInTransactionSeconds));
            continue;
        }
        if (state != SessionState::Idle || s.stateSeconds <= options.idleSeconds)
            continue;
        const auto app = std::find_if(pool.applications.cbegin(), pool.applications.cend(),
                                      [&](const AppUsage &a) { return a.name == s.application; });
        if (app != pool.applications.cend() && app->poolMax > 0 && app->usagePct >= options.warnPct)
            pool.leakSuspects << suspectFrom(s, QStringLiteral("idle for more than %1 s while its pool is %2 % used")
                                                    .arg(options.idleSeconds)
                                                    .arg(qRound(app->usagePct)));
    }
    std::sort(pool.leakSuspects.begin(), pool.leakSuspects.end(),
              [](const LeakSuspect &a, const LeakSuspect &b) { return a.seconds > b.seconds; });
}

} // namespace

void StateCounts::add(const PgSession &session)
{
    if (session.hidden)
        ++hidden;
    switch (session.category()) {
    case SessionState::Active: ++active; break;
    case SessionState::Waiting: ++waiting; break;
    case SessionState::Idle: ++idle; break;
    case SessionState::IdleInTransaction: ++idleInTransaction; break;
    case SessionState::IdleInTransactionAborted: ++idleInTransactionAborted; break;
    case SessionState::Other: ++other; break;
    }
}

QJsonObject StateCounts::toJson() const
{
    return {{QStringLiteral("total"), total()},
            {QStringLiteral("active"), active},
            {QStringLiteral("waiting"), waiting},
            {QStringLiteral("idle"), idle},
            {QStringLiteral("idle_in_transaction"), idleInTransaction},
            {QStringLiteral("idle_in_transaction_aborted"), idleInTransactionAborted},
            {QStringLiteral("other"), other},
            {QStringLiteral("hidden"), hidden}};
}

Severity PgPoolAnalyzer::severityFor(double usage, const PoolOptions &options)
{
    if (usage >= options.criticalPct)
        return Severity::Critical;
    if (usage >= options.warnPct)
        return Severity::Warning;
    return Severity::Good;
}

PgPool PgPoolAnalyzer::analyze(const PgActivity &activity, const PoolOptions &options)
{
    PgPool pool;
    pool.at = activity.at;
    pool.maxConnections = activity.maxConnections;
    pool.reservedConnections = activity.superuserReserved + activity.reserved;
    pool.availableConnections = activity.availableConnections();
    pool.backgroundProcesses = activity.backgroundProcesses;
    pool.privileged = activity.privileged;
    pool.privilegeHint = activity.privilegeHint();
    pool.hiddenSessions = activity.hiddenSessions();
    pool.warnPct = options.warnPct;
    pool.criticalPct = options.criticalPct;
    pool.total = activity.sessions.size();
    pool.usagePct = pct(pool.total, pool.availableConnections);
    pool.severity = severityFor(pool.usagePct, options);
    for (const PgSession &s : activity.sessions) {
        const SessionState state = s.category();
        if (s.isConsole) {
            pool.consoleCounts.add(s);
            continue;
        }
        pool.counts.add(s);
        AppUsage &app = appFor(pool.applications,
                               s.hidden && s.application.isEmpty() ? PgPool::hiddenApplication() : s.application);
        app.counts.add(s);
        groupFor(app, s).counts.add(s);
        if (state == SessionState::Idle)
            app.oldestIdleSeconds = std::max(app.oldestIdleSeconds, s.stateSeconds);
    }
    for (AppUsage &app : pool.applications) {
        app.poolMax = options.poolMaxima.value(app.name, 0);
        app.usagePct = pct(app.counts.total(), app.poolMax > 0 ? app.poolMax : pool.availableConnections);
        app.severity = app.poolMax > 0 ? severityFor(app.usagePct, options) : Severity::Normal;
    }
    std::sort(pool.applications.begin(), pool.applications.end(), [](const AppUsage &a, const AppUsage &b) {
        return a.counts.total() != b.counts.total() ? a.counts.total() > b.counts.total() : a.name < b.name;
    });
    findLeaks(pool, activity, options);
    return pool;
}

Severity PgPool::worst() const
{
    Severity w = severity;
    for (const AppUsage &a : applications)
        w = std::max(w, a.severity);
    if (!leakSuspects.isEmpty())
        w = std::max(w, Severity::Warning);
    return w;
}

QJsonObject PgPool::toJson() const
{
    QJsonArray apps;
    for (const AppUsage &a : applications) {
        QJsonObject o = a.counts.toJson();
        o.insert(QStringLiteral("name"), a.name);
        o.insert(QStringLiteral("pool_max"), a.poolMax > 0 ? QJsonValue(a.poolMax) : QJsonValue());
        o.insert(QStringLiteral("usage_pct"), a.usagePct);
        o.insert(QStringLiteral("usage_of"),
                 a.poolMax > 0 ? QStringLiteral("pool_max") : QStringLiteral("available_connections"));
        o.insert(QStringLiteral("status"), severityName(a.severity));
        o.insert(QStringLiteral("oldest_idle_seconds"), a.oldestIdleSeconds);
        QJsonArray groups;
        for (const PoolGroup &g : a.groups) {
            QJsonObject go = g.counts.toJson();
            go.insert(QStringLiteral("user"), g.user);
            go.insert(QStringLiteral("client_addr"), g.clientAddr);
            go.insert(QStringLiteral("database"), g.database);
            groups.append(go);
        }
        o.insert(QStringLiteral("groups"), groups);
        apps.append(o);
    }
    QJsonArray leaks;
    for (const LeakSuspect &l : leakSuspects)
        leaks.append(QJsonObject{{QStringLiteral("pid"), l.pid},
                                 {QStringLiteral("application"), l.application},
                                 {QStringLiteral("user"), l.user},
                                 {QStringLiteral("database"), l.database},
                                 {QStringLiteral("client_addr"), l.clientAddr},
                                 {QStringLiteral("state"), l.state},
                                 {QStringLiteral("seconds"), l.seconds},
                                 {QStringLiteral("connection_seconds"), l.backendSeconds},
                                 {QStringLiteral("query"), l.query},
                                 {QStringLiteral("reason"), l.reason}});
    return {{QStringLiteral("engine"), QStringLiteral("postgresql")},
            {QStringLiteral("at"), at.toString(Qt::ISODateWithMs)},
            {QStringLiteral("max_connections"), maxConnections},
            {QStringLiteral("reserved_connections"), reservedConnections},
            {QStringLiteral("available_connections"), availableConnections},
            {QStringLiteral("total"), total},
            {QStringLiteral("usage_pct"), usagePct},
            {QStringLiteral("status"), severityName(worst())},
            {QStringLiteral("server_status"), severityName(severity)},
            {QStringLiteral("warn_pct"), warnPct},
            {QStringLiteral("critical_pct"), criticalPct},
            {QStringLiteral("states"), counts.toJson()},
            {QStringLiteral("console"), consoleCounts.toJson()},
            {QStringLiteral("background_processes"), backgroundProcesses},
            {QStringLiteral("privileged"), privileged},
            {QStringLiteral("privilege_hint"), privilegeHint.isEmpty() ? QJsonValue() : QJsonValue(privilegeHint)},
            {QStringLiteral("hidden_sessions"), hiddenSessions},
            {QStringLiteral("applications"), apps},
            {QStringLiteral("leak_suspects"), leaks}};
}

} // namespace dbops
