#include "audit/auditlog.h"

#include "core/redact.h"
#include "dialect/sqltext.h"
#include "state/statedb.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <functional>
#include <pwd.h>
#include <unistd.h>

namespace dbops {

namespace {
// A null QString binds as SQL NULL; the trail stores "" for "nothing said".
QString notNull(const QString &s) { return s.isNull() ? QStringLiteral("") : s; }

Error stateError(const QString &path, const QSqlError &e)
{
    // The driver's words go to the detail (log, --verbose), never into the one-line message.
    return Error::make(ErrorCode::Io, QStringLiteral("cannot write the audit trail %1").arg(path),
                       QStringLiteral("check that the XDG data directory is writable"), e.text());
}
} // namespace

AuditLog::AuditLog(const QString &databasePath) : m_path(StateDb::pathOf(databasePath)) {}

QString AuditLog::currentOsUser()
{
    if (const passwd *pw = getpwuid(geteuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return qEnvironmentVariable("USER", QStringLiteral("unknown"));
}

Error AuditLog::withConnection(const std::function<Error(QSqlDatabase &)> &work) const
{
    const auto fail = [this](StateDb::Step, const QSqlError &e) { return stateError(m_path, e); };
    return StateDb::with(m_path, QStringLiteral("audit"), {SqlText::sqlite("audit", "schema")}, fail, work);
}

Error AuditLog::append(const AuditRecord &record) const
{
    return withConnection([&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        q.prepare(SqlText::sqlite("audit", "append"));
        const QDateTime at = record.at.isValid() ? record.at : QDateTime::currentDateTimeUtc();
        q.addBindValue(at.toUTC().toString(Qt::ISODateWithMs));
        q.addBindValue(record.osUser.isEmpty() ? currentOsUser() : record.osUser);
        q.addBindValue(notNull(Redact::text(record.target)));
        q.addBindValue(notNull(record.action));
        q.addBindValue(notNull(Redact::text(record.parameters)));
        q.addBindValue(notNull(record.outcome));
        q.addBindValue(notNull(Redact::text(record.detail)));
        if (!q.exec())
            return stateError(m_path, q.lastError());
        return {};
    });
}

Expected<QList<AuditRecord>> AuditLog::recent(int limit) const
{
    QList<AuditRecord> records;
    const Error error = withConnection([&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        q.prepare(SqlText::sqlite("audit", "recent"));
        q.addBindValue(limit);
        if (!q.exec())
            return stateError(m_path, q.lastError());
        while (q.next()) {
            AuditRecord r;
            r.id = q.value(0).toLongLong();
            r.at = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
            r.osUser = q.value(2).toString();
            r.target = q.value(3).toString();
            r.action = q.value(4).toString();
            r.parameters = q.value(5).toString();
            r.outcome = q.value(6).toString();
            r.detail = q.value(7).toString();
            records << r;
        }
        return {};
    });
    if (error)
        return error;
    return records;
}

} // namespace dbops
