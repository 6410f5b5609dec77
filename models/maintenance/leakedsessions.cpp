#include "maintenance/leakedsessions.h"

#include "activity/pgactivity.h"
#include "activity/sessionactions.h"
#include "connection/connector.h"
#include "core/incidentmode.h"
#include "maintenance/durationtext.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace dbops {

namespace {

QString reasonFor(const PgSession &s, const LeakCriteria &c)
{
    const SessionState state = s.category();
    if (c.idleInTransaction &&
        (state == SessionState::IdleInTransaction || state == SessionState::IdleInTransactionAborted) &&
        s.stateSeconds > c.idleInTransactionOverSeconds)
        return QStringLiteral("idle in transaction for %1").arg(DurationText::format(std::floor(s.stateSeconds)));
    if (c.idleOverSeconds >= 0 && state == SessionState::Idle && s.stateSeconds > c.idleOverSeconds)
        return QStringLiteral("idle for %1 (limit %2)")
            .arg(DurationText::format(std::floor(s.stateSeconds)), DurationText::format(c.idleOverSeconds));
    return {};
}

QJsonObject suspectJson(const LeakSuspect &l)
{
    return {{QStringLiteral("pid"), l.pid},
            {QStringLiteral("application"), l.application},
            {QStringLiteral("user"), l.user},
            {QStringLiteral("database"), l.database},
            {QStringLiteral("client_addr"), l.clientAddr},
            {QStringLiteral("state"), l.state},
            {QStringLiteral("seconds"), l.seconds},
            {QStringLiteral("connection_seconds"), l.backendSeconds},
            {QStringLiteral("query"), l.query},
            {QStringLiteral("reason"), l.reason}};
}

} // namespace

Error LeakCriteria::validate() const
{
    if (application.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("name the application whose sessions leak"),
                           QStringLiteral("--app NAME (its application_name, as the Activity tab shows it)"));
    if (PgSession::isConsoleApplication(application))
        return Error::make(ErrorCode::Refused,
                           QStringLiteral("\"%1\" is the console's own application name").arg(application),
                           QStringLiteral("the console never lists or ends its own sessions"));
    if (!idleInTransaction && idleOverSeconds < 0)
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("nothing to look for: neither idle in transaction nor idle"),
                           QStringLiteral("give --idle-over, or keep idle-in-transaction sessions in"));
    return {};
}

QString LeakCriteria::describe() const
{
    QStringList parts{QStringLiteral("app=") + application};
    if (idleInTransaction)
        parts << QStringLiteral("idle_in_transaction_over=%1").arg(DurationText::format(idleInTransactionOverSeconds));
    if (idleOverSeconds >= 0)
        parts << QStringLiteral("idle_over=%1").arg(DurationText::format(idleOverSeconds));
    if (allDatabases)
        parts << QStringLiteral("all_databases");
    return parts.join(QLatin1Char(' '));
}

QJsonObject LeakPreview::toJson() const
{
    QJsonArray list;
    for (const LeakSuspect &l : sessions)
        list.append(suspectJson(l));
    return {{QStringLiteral("status"), QStringLiteral("preview")},
            {QStringLiteral("target"), target.display()},
            {QStringLiteral("application"), criteria.application},
            {QStringLiteral("database"), criteria.allDatabases ? QString() : database},
            {QStringLiteral("idle_over_seconds"),
             criteria.idleOverSeconds >= 0 ? QJsonValue(criteria.idleOverSeconds) : QJsonValue()},
            {QStringLiteral("idle_in_transaction"), criteria.idleInTransaction},
            {QStringLiteral("application_sessions"), applicationSessions},
            {QStringLiteral("console_sessions_skipped"), consoleSessionsSkipped},
            {QStringLiteral("count"), list.size()},
            {QStringLiteral("sessions"), list}};
}

int LeakTermination::terminated() const
{
    return int(std::count_if(outcomes.cbegin(), outcomes.cend(), [](const TerminateOutcome &o) { return !o.error; }));
}

QJsonObject LeakTermination::toJson() const
{
    QJsonObject o = preview.toJson();
    QJsonArray results;
    for (const TerminateOutcome &t : outcomes) {
        QJsonObject r{{QStringLiteral("pid"), t.pid},
                      {QStringLiteral("state"), t.state},
                      {QStringLiteral("outcome"), t.error ? QStringLiteral("failed") : QStringLiteral("terminated")}};
        if (t.error)
            r.insert(QStringLiteral("error"), t.error.oneLine());
        results.append(r);
    }
    o.insert(QStringLiteral("status"), failed() == 0 ? QStringLiteral("terminated") : QStringLiteral("failed"));
    o.insert(QStringLiteral("terminated"), terminated());
    o.insert(QStringLiteral("failed"), failed());
    o.insert(QStringLiteral("results"), results);
    return o;
}

Expected<LeakPreview> LeakedSessions::preview(QSqlDatabase db, const Target &target, const LeakCriteria &criteria)
{
    if (!target.isPostgres())
        return Error::make(ErrorCode::Unsupported, QStringLiteral("leaked sessions are a PostgreSQL matter"),
                           QStringLiteral("SQLite has no server sessions; see `dbops locks` for stale lock files"));
    if (Error e = criteria.validate())
        return e;
    auto activity = PgActivityReader::read(db, target);
    if (!activity)
        return activity.error();
    LeakPreview p;
    p.target = target;
    p.criteria = criteria;
    p.database = activity->database;
    for (const PgSession &s : activity->sessions) {
        if (s.isConsole) {
            ++p.consoleSessionsSkipped;
            continue;
        }
        if (s.application != criteria.application || (!criteria.allDatabases && s.database != p.database))
            continue;
        ++p.applicationSessions;
        const QString reason = reasonFor(s, criteria);
        if (!reason.isEmpty())
            p.sessions << LeakSuspect{s.pid,   s.application,  s.user,           s.database, s.clientAddr,
                                      s.state, s.stateSeconds, s.backendSeconds, s.query,    reason};
    }
    std::sort(p.sessions.begin(), p.sessions.end(),
              [](const LeakSuspect &a, const LeakSuspect &b) { return a.seconds > b.seconds; });
    return p;
}

Expected<LeakPreview> LeakedSessions::preview(const Target &target, const LeakCriteria &criteria,
                                              const SessionOptions &options)
{
    if (Error e = criteria.validate())
        return e;
    ScopedConnection conn(target, options, QStringLiteral("leaks"));
    if (!conn.ok())
        return conn.error();
    return preview(conn.db(), target, criteria);
}

Expected<LeakTermination> LeakedSessions::terminate(QSqlDatabase actionDb, const Target &target,
                                                    const LeakCriteria &criteria, const QList<int> &onlyPids,
                                                    const AuditLog &audit)
{
    auto fresh = preview(actionDb, target, criteria); // a session busy again since the preview is left alone
    if (!fresh)
        return fresh.error();
    LeakTermination t;
    t.preview = fresh.value();
    for (const LeakSuspect &s : fresh->sessions) {
        if (!onlyPids.isEmpty() && !onlyPids.contains(s.pid))
            continue;
        t.outcomes << TerminateOutcome{
            s.pid, s.state, SessionActions::signal(actionDb, target, s.pid, SessionActions::Kind::Terminate, audit)};
    }
    return t;
}

Expected<LeakTermination> LeakedSessions::terminate(const Target &target, const LeakCriteria &criteria,
                                                    const QList<int> &onlyPids, const SessionOptions &options,
                                                    const AuditLog &audit)
{
    if (Error e = criteria.validate())
        return e;
    if (Error e = IncidentMode::refuse(QStringLiteral("terminating sessions on %1").arg(target.display())))
        return e;
    SessionOptions action = options;
    action.mode = AccessMode::ReadWrite;
    if (action.applicationName == QLatin1String("dbops"))
        action.applicationName = QStringLiteral("dbops-ops");
    ScopedConnection conn(target, action, QStringLiteral("leaks-terminate"));
    if (!conn.ok())
        return conn.error();
    return terminate(conn.db(), target, criteria, onlyPids, audit);
}

} // namespace dbops
