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

Job AuditJobs::verify(const QString &path)
{
    return [path](JobContext &) -> QVariant {
        const AuditLog log(path);
        auto state = log.verify();
        if (!state)
            return QVariant::fromValue(state.error());
        return QVariant::fromValue(AuditChainResult{log.path(), state.value()});
    };
}

} // namespace dbops
