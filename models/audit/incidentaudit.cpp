#include "audit/incidentaudit.h"

namespace dbops {

namespace {

AuditRecord record(const QString &target, const QString &action)
{
    AuditRecord r;
    r.target = target.isEmpty() ? QStringLiteral("(no target)") : target;
    r.action = action;
    r.outcome = QStringLiteral("ok");
    return r;
}

} // namespace

AuditRecord IncidentAudit::switchedOn(const QString &target)
{
    AuditRecord r = record(target, QStringLiteral("incident-mode-on"));
    r.detail = QStringLiteral("read-only: every action refused until incident mode is left");
    return r;
}

AuditRecord IncidentAudit::left(const QString &target, const QString &reason, const QDateTime &from,
                                const QDateTime &until)
{
    AuditRecord r = record(target, QStringLiteral("incident-mode-leave"));
    const QString utcFrom = from.toUTC().toString(Qt::ISODate), utcUntil = until.toUTC().toString(Qt::ISODate);
    r.parameters = QStringLiteral("from=%1 until=%2 minutes=%3").arg(utcFrom, utcUntil).arg(from.secsTo(until) / 60);
    r.detail = QStringLiteral("reason: %1; changes allowed until %2, then read-only again").arg(reason, utcUntil);
    return r;
}

Job IncidentAudit::append(const QString &path, const AuditRecord &record)
{
    return [path, record](JobContext &) -> QVariant {
        if (Error e = AuditLog(path).append(record))
            return QVariant::fromValue(e);
        return true;
    };
}

} // namespace dbops
