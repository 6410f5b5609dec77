#include "ops/backupjobs.h"

namespace dbops {

Job BackupJobs::backup(const Target &target, const BackupRequest &request)
{
    return [target, request](JobContext &c) {
        return jobReply(BackupService::backup(target, request, OpControl::fromJob(c)));
    };
}

Job BackupJobs::verify(const QString &backupPath, const VerifyOptions &options)
{
    return [backupPath, options](JobContext &c) -> QVariant {
        auto r = BackupVerifier::verify(backupPath, options, OpControl::fromJob(c));
        return r ? QVariant::fromValue(VerifyOutcome{r.value()}) : QVariant::fromValue(r.error());
    };
}

} // namespace dbops
