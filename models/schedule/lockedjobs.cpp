#include "schedule/lockedjobs.h"

#include "ops/backupnaming.h"
#include "ops/manifest.h"
#include "schedule/joblock.h"

namespace dbops {

Error LockedJobs::busy(const QString &name, const QString &store, qint64 holderPid)
{
    const QString who = holderPid > 0 ? QStringLiteral(" (pid %1)").arg(holderPid) : QString();
    return Error::make(ErrorCode::Busy,
                       QStringLiteral("a %1 of %2 is already running%3, perhaps a scheduled one: this one did not "
                                      "start")
                           .arg(name, store, who),
                       QStringLiteral("try again once it has finished (the Schedules section shows the running ones)"));
}

Job LockedJobs::guard(const QString &name, const QString &store, const QString &sourceId, Job job)
{
    return [name, store, sourceId, job](JobContext &c) -> QVariant {
        const JobLock lock(name, sourceId);
        if (!lock.held())
            return QVariant::fromValue(busy(name, store, lock.holderPid()));
        return job(c); // the lock is released when the job returns, however it ends
    };
}

Job LockedJobs::backup(const Target &target, const BackupRequest &request)
{
    return guard(QStringLiteral("backup"), target.display(), BackupNaming::sourceId(target),
                 BackupJobs::backup(target, request));
}

Job LockedJobs::verify(const QString &backupPath)
{
    return [backupPath](JobContext &c) -> QVariant {
        const Job verify = BackupJobs::verify(backupPath);
        const auto manifest = BackupManifest::read(BackupManifest::pathFor(backupPath));
        if (!manifest || manifest->sourceId.isEmpty())
            return verify(c); // the verifier says what is wrong with the manifest
        return guard(QStringLiteral("verify"), manifest->source, manifest->sourceId, verify)(c);
    };
}

} // namespace dbops
