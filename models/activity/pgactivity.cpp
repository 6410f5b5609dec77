#include "activity/pgactivity.h"

#include "connection/connector.h"
#include "dialect/sqltext.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>
#include <algorithm>

namespace dbops {

namespace {

const QString kDialect = QStringLiteral("postgresql");

Error readError(const QSqlQuery &q, const Target &target)
{
    return Connector::classify(q.lastError(), target, QStringLiteral("read the sessions of"));
}

QList<int> parsePids(const QString &text)
{
    QList<int> pids;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        pids << part.toInt();
    return pids;
}

PgSession sessionFrom(const QSqlQuery &q)
{
    PgSession s;
    s.pid = q.value(0).toInt();
    s.user = q.value(1).toString();
    s.application = q.value(2).toString();
    s.clientAddr = q.value(3).toString();
    s.database = q.value(4).toString();
    s.state = q.value(5).toString();
    s.waitEventType = q.value(6).toString();
    s.waitEvent = q.value(7).toString();
    s.backendSeconds = q.value(8).toDouble();
    s.xactSeconds = q.value(9).toDouble();
    s.querySeconds = q.value(10).toDouble();
    s.stateSeconds = q.value(11).toDouble();
    s.query = q.value(12).toString();
    s.blockedBy = parsePids(q.value(13).toString());
    s.isSelf = q.value(14).toBool();
    s.queryStartMs = q.value(15).toLongLong();
    s.isConsole = s.isSelf || PgSession::isConsoleApplication(s.application);
    s.hidden = q.value(17).toBool();
    return s;
}

} // namespace

const PgSession *PgActivity::find(int pid) const
{
    for (const PgSession &s : sessions)
        if (s.pid == pid)
            return &s;
    return nullptr;
}

int PgActivity::hiddenSessions() const
{
    return int(std::count_if(sessions.cbegin(), sessions.cend(), [](const PgSession &s) { return s.hidden; }));
}

QString PgActivity::privilegeHint() const
{
    if (privileged)
        return {};
    return QStringLiteral("the console's user %1 cannot see other users' sessions: GRANT pg_monitor TO %2")
        .arg(user, userIdent);
}

Expected<PgActivity> PgActivityReader::read(QSqlDatabase db, const Target &target)
{
    PgActivity a;
    a.at = QDateTime::currentDateTimeUtc();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(SqlText::get(kDialect, QStringLiteral("activity_server"))) || !q.next())
        return readError(q, target);
    a.maxConnections = q.value(0).toInt();
    a.superuserReserved = q.value(1).toInt();
    a.reserved = q.value(2).toInt();
    a.serverVersionNum = q.value(3).toInt();
    a.database = q.value(4).toString();
    a.user = q.value(5).toString();
    a.userIdent = q.value(6).toString();
    a.privileged = q.value(7).toBool();
    if (!q.exec(SqlText::get(kDialect, QStringLiteral("activity_sessions"))))
        return readError(q, target);
    while (q.next()) {
        if (q.value(16).toBool())
            a.sessions << sessionFrom(q);
        else
            ++a.backgroundProcesses;
    }
    return a;
}

} // namespace dbops
