#include "cleanup/retentionjobs.h"

#include "connection/profilestore.h"
#include "connection/storediscovery.h"

namespace dbops {

Job RetentionJobs::inspect(const Target &target, const Target &store)
{
    return [target, store](JobContext &) -> QVariant {
        RetentionStoreFacts facts;
        if (target.kind == Target::Kind::DataDir && !store.isValid())
            for (const DiscoveredItem &item : StoreDiscovery::scan(target.path))
                if (item.kind == DiscoveredItem::Kind::Sqlite)
                    facts.stores << item.relativePath;
        if (!target.profileName.isEmpty())
            if (auto profile = ProfileStore().find(target.profileName))
                facts.policies = profile->retentionPolicies;
        if (store.isValid())
            facts.journal = RetentionJournal::load(store);
        return QVariant::fromValue(facts);
    };
}

Job RetentionJobs::plan(const Target &store, const RetentionRequest &request)
{
    return [store, request](JobContext &c) {
        return jobReply(RetentionPlanner::plan(store, request, OpControl::fromJob(c)));
    };
}

Job RetentionJobs::apply(const RetentionPlan &plan, const RetentionApplyOptions &options)
{
    return [plan, options](JobContext &c) {
        return QVariant::fromValue(RetentionRunner::apply(plan, options, OpControl::fromJob(c)));
    };
}

Job RetentionJobs::suggest(const Target &store)
{
    return [store](JobContext &) { return jobReply(RetentionSuggest::forStore(store)); };
}

} // namespace dbops
