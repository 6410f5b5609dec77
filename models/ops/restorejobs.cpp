#include "ops/restorejobs.h"

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

} // namespace dbops
