#include "activity/sessionactions.h"

#include "activity/pgsession.h"
#include "connection/connector.h"
#include "core/incidentmode.h"
#include "dialect/pgstatementtext.h"
#include "dialect/sqltext.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

namespace dbops {

namespace {

struct TargetSession {
    bool found = false;
    QString application;
    QString backendType;
    bool isSelf = false;
    QString query;
};

Expected<TargetSession> lookUp(QSqlDatabase db, const Target &target, int pid)
{
    QSqlQuery q(db);
    q.prepare(SqlText::get(QStringLiteral("postgresql"), QStringLiteral("activity_target_session")));
    q.addBindValue(pid);
    if (!q.exec())
        return Connector::classify(q.lastError(), target, QStringLiteral("look up the session on"));
    TargetSession s;
    if (q.next()) {
        s.found = true;
        s.application = q.value(0).toString();
        s.backendType = q.value(1).toString();
        s.isSelf = q.value(2).toBool();
        s.query = q.value(3).toString();
    }
    return s;
}

Error check(const TargetSession &s, int pid)
{
    if (!s.found)
        return Error::make(ErrorCode::NotFound, QStringLiteral("no session with pid %1 (it has ended)").arg(pid),
                           QStringLiteral("refresh the list"));
    if (s.isSelf || PgSession::isConsoleApplication(s.application))
        return Error::make(ErrorCode::Refused, QStringLiteral("pid %1 is one of the console's own sessions").arg(pid),
                           QStringLiteral("the console never cancels or terminates its own sessions"));
    if (s.backendType != QLatin1String("client backend"))
        return Error::make(
            ErrorCode::Refused,
            QStringLiteral("pid %1 is a background process (%2), not a client session").arg(pid).arg(s.backendType),
            QStringLiteral("background workers are never cancelled or terminated from the console"));
    return {};
}

int parameterCount(const QString &query)
{
    static const QRegularExpression param(QStringLiteral("\\$(\\d+)"));
    int n = 0;
    for (auto it = param.globalMatch(query); it.hasNext();)
        n = std::max(n, it.next().captured(1).toInt());
    return n;
}

} // namespace

QString SessionActions::kindName(Kind kind)
{
    return kind == Kind::Cancel ? QStringLiteral("cancel") : QStringLiteral("terminate");
}

Error SessionActions::signal(QSqlDatabase db, const Target &target, int pid, Kind kind, const AuditLog &audit)
{
    AuditRecord record;
    record.target = target.display();
    record.action = kindName(kind);
    record.parameters = QStringLiteral("pid=%1").arg(pid);
    // Every cancel and terminate passes here; a read-only session would not stop them, this check does.
    Error result = IncidentMode::refuse(QStringLiteral("%1 of pid %2").arg(kindName(kind)).arg(pid));
    auto session = result ? Expected<TargetSession>(result) : lookUp(db, target, pid);
    if (!result)
        result = session ? check(session.value(), pid) : session.error();
    if (session && session->found)
        record.parameters += QStringLiteral(" application=%1 query=%2").arg(session->application, session->query);
    if (!result) {
        QSqlQuery q(db);
        q.prepare(kind == Kind::Cancel ? SqlText::postgresql("common", "cancel_backend")
                                       : SqlText::postgresql("common", "terminate_backend"));
        q.addBindValue(pid);
        if (!q.exec() || !q.next())
            result =
                Connector::classify(q.lastError(), target, QStringLiteral("%1 pid %2 on").arg(kindName(kind)).arg(pid));
        else if (!q.value(0).toBool())
            result = Error::make(ErrorCode::QueryFailed,
                                 QStringLiteral("the server did not %1 pid %2").arg(kindName(kind)).arg(pid),
                                 QStringLiteral("the session may have ended; refresh the list"));
    }
    record.outcome = !result                             ? QStringLiteral("ok")
                     : result.code == ErrorCode::Refused ? QStringLiteral("refused")
                                                         : QStringLiteral("failed");
    record.detail = result ? result.oneLine() : QString();
    audit.append(record);
    return result;
}

Expected<QStringList> SessionActions::explain(QSqlDatabase db, const Target &target, const QString &text, bool analyze)
{
    QSqlQuery q(db);
    // The text goes to the server as one query string, where every statement in it would run: exactly one, as the
    // server's lexer reads it (standard_conforming_strings on, so that backslashes quote as the check assumes).
    if (!q.exec(SqlText::postgresql("activity_explain", "conforming_strings")))
        return Connector::classify(q.lastError(), target, QStringLiteral("prepare the session to explain on"));
    const auto one = PgStatementText::single(text);
    if (!one)
        return one.error();
    const QString &query = one.value();
    const int params = parameterCount(query);
    QString sql;
    QStringList cleanup;
    if (params > 0 && !analyze) {
        // A normalized statement: PostgreSQL 16 has EXPLAIN (GENERIC_PLAN); before, a prepared statement with
        // a forced generic plan gives the same plan.
        const QString name = QStringLiteral("dbops_explain");
        q.exec(SqlText::postgresql("activity_explain", "deallocate", {{"name", name}}));
        if (!q.exec(SqlText::postgresql("activity_explain", "prepare", {{"name", name}, {"statement", query}})))
            return Connector::classify(q.lastError(), target, QStringLiteral("prepare the statement to explain on"));
        q.exec(SqlText::postgresql("activity_explain", "generic_plan"));
        QStringList nulls;
        for (int i = 0; i < params; ++i)
            nulls << QStringLiteral("NULL");
        sql = SqlText::postgresql("activity_explain", "execute",
                                  {{"name", name}, {"nulls", nulls.join(QStringLiteral(", "))}});
        cleanup << SqlText::postgresql("activity_explain", "reset_plan")
                << SqlText::postgresql("activity_explain", "deallocate", {{"name", name}});
    } else if (analyze) {
        if (params > 0)
            return Error::make(
                ErrorCode::Usage, QStringLiteral("a normalized statement ($1 …) cannot be run by EXPLAIN ANALYZE"),
                QStringLiteral("explain it without ANALYZE, or take the full text from a running session"));
        q.exec(SqlText::postgresql("common", "begin"));
        sql = SqlText::postgresql("activity_explain", "analyze", {{"statement", query}});
        cleanup << SqlText::postgresql("common", "rollback"); // ANALYZE runs the statement: whatever it wrote is undone
    } else {
        sql = SqlText::postgresql("activity_explain", "explain", {{"statement", query}});
    }
    QStringList plan;
    Error error;
    if (!q.exec(sql))
        error = Connector::classify(q.lastError(), target, QStringLiteral("explain the statement on"));
    while (!error && q.next())
        plan << q.value(0).toString();
    QSqlQuery c(db);
    for (const QString &s : cleanup)
        c.exec(s);
    if (error)
        return error;
    return plan;
}

} // namespace dbops
