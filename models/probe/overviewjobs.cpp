#include "probe/overviewjobs.h"

namespace dbops {

WorkerJob OverviewJobs::read(const Target &target, const SessionOptions &options)
{
    if (target.kind == Target::Kind::DataDir)
        return {[options](JobContext &ctx) { return jobReply(OverviewProbe::collect(ctx.target(), options, true)); },
                false};
    return {[options](JobContext &ctx) {
                return jobReply(OverviewProbe::collectOn(ctx.db(), ctx.target(), options, true));
            },
            true};
}

} // namespace dbops
