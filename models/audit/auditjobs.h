#pragma once
// The audit trail's read as a DbWorker file job (submit(..., false)).
//
//   files->submit("read audit trail", AuditJobs::recent(path, 500), false);
//   // jobFinished(id, v): v.value<AuditResult>();  jobFailed(id, error)
#include "audit/auditlog.h"
#include "worker/jobcontext.h"

#include <QMetaType>

namespace dbops {

struct AuditResult {
    QString path; // the trail's file
    QList<AuditRecord> records;
};

class AuditJobs {
public:
    // `path`: the trail's database; empty: the default one. The newest `limit` records.
    static Job recent(const QString &path, int limit);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::AuditResult)
