#include "ops/restorejobs.h"

#include "ops/momentscratch.h"

#include <QDir>

namespace dbops {

Job RestoreJobs::plan(const Target &target, const RestoreRequest &request)
{
    return [target, request](JobContext &context) -> QVariant {
        auto plan = RestorePlanner::plan(target, request, OpControl::fromJob(context));
        return plan ? QVariant::fromValue(plan.value()) : QVariant::fromValue(plan.error());
    };
}

Job RestoreJobs::apply(const RestorePlan &plan, const RestoreOptions &options)
{
    return [plan, options](JobContext &context) -> QVariant {
        const RestoreResult result = RestoreService::apply(plan, options, OpControl::fromJob(context));
        return result.ok() ? QVariant::fromValue(result) : QVariant::fromValue(result.error);
    };
}

Job RestoreJobs::planAt(const Target &target, const QDateTime &at, const QString &replicaRoot, const QString &backupDir)
{
    return [target, at, replicaRoot, backupDir](JobContext &context) -> QVariant {
        MomentScratch scratch(QDir::tempPath());
        if (!scratch.isValid())
            return QVariant::fromValue(scratch.failure());
        auto source = RestoreAt::pick(target, at, replicaRoot, backupDir, scratch.path());
        if (!source)
            return QVariant::fromValue(source.error());
        auto plan = RestorePlanner::plan(target, source->request(), OpControl::fromJob(context));
        if (!plan)
            return QVariant::fromValue(plan.error());
        const QString kept = scratch.path();
        scratch.release(); // the restore reads it later; removeScratch() ends it
        return QVariant::fromValue(MomentPlan{plan.value(), source.value(), kept});
    };
}

Job RestoreJobs::removeScratch(const QString &scratchDir)
{
    return [scratchDir](JobContext &) -> QVariant {
        if (!scratchDir.isEmpty())
            QDir(scratchDir).removeRecursively();
        return {};
    };
}

} // namespace dbops
