#pragma once
// The audit trail's read as a DbWorker file job (submit(..., false)).
//
//   files->submit("read audit trail", AuditJobs::recent(path, 500), false);
//   // jobFinished(id, v): v.value<AuditResult>();  jobFailed(id, error)
//   files->submit("verify audit chain", AuditJobs::verify(path), false); // v.value<AuditChainResult>()
#include "audit/auditchain.h"
#include "audit/auditlog.h"
#include "worker/jobcontext.h"

#include <QMetaType>

namespace dbops {

struct AuditResult {
    QString path; // the trail's file
    QList<AuditRecord> records;
};

struct AuditChainResult {
    QString path;
    AuditChainState state;
};

class AuditJobs {
public:
    // `path`: the trail's database; empty: the default one. The newest `limit` records.
    static Job recent(const QString &path, int limit);
    // The whole chain walked (AuditLog::verify): replies an AuditChainResult.
    static Job verify(const QString &path);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::AuditResult)
Q_DECLARE_METATYPE(dbops::AuditChainResult)
