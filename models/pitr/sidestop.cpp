#include "pitr/sidestop.h"

#include "audit/auditlog.h"

namespace dbops {

void SideStop::audit(const SideInstanceMarker &m, const Error &e)
{
    AuditRecord record;
    record.target = m.source;
    record.action = QStringLiteral("side-instance-stop");
    record.parameters = QStringLiteral("side_instance=%1 port=%2").arg(m.dataDirectory).arg(m.port);
    record.outcome = e ? QStringLiteral("failed") : QStringLiteral("ok");
    record.detail = e ? e.oneLine() : QStringLiteral("stopped and removed");
    AuditLog().append(record);
}

Expected<SideInstanceMarker> SideStop::run(const QString &dataDir)
{
    auto marker = SideInstanceMarker::read(dataDir);
    if (!marker)
        return marker.error();
    const Error e = SideInstance(dataDir).stopAndRemove();
    audit(marker.value(), e);
    if (e)
        return e;
    return marker;
}

} // namespace dbops
