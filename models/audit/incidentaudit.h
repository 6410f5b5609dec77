#pragma once
// Incident mode's audit records, written on a DbWorker file job (submit(..., false)): switched on, and left —
// with the operator's reason and the window during which changes are allowed again.
//
//   files->submit("audit incident mode", IncidentAudit::append({}, IncidentAudit::left(t, why, from, until)), false);
#include "audit/auditlog.h"
#include "worker/jobcontext.h"

namespace dbops {

class IncidentAudit {
public:
    static AuditRecord switchedOn(const QString &target);
    static AuditRecord left(const QString &target, const QString &reason, const QDateTime &from,
                            const QDateTime &until);
    // `path`: the trail's database; empty: the default one. QVariant(true), or QVariant(Error).
    static Job append(const QString &path, const AuditRecord &record);
};

} // namespace dbops
