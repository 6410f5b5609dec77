#include "audit/auditjobs.h"

namespace dbops {

Job AuditJobs::recent(const QString &path, int limit)
{
    return [path, limit](JobContext &) -> QVariant {
        const AuditLog log(path);
        auto records = log.recent(limit);
        if (!records)
            return QVariant::fromValue(records.error());
        return QVariant::fromValue(AuditResult{log.path(), records.value()});
    };
}

} // namespace dbops
