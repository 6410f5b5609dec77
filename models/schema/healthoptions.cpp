#include "schema/healthoptions.h"

#include "core/retentionpolicy.h"

namespace dbops {

Expected<RetentionRule> RetentionRule::parse(const QString &text)
{
    // One grammar for policies, the cleanup's too (models/core/retentionpolicy.h).
    auto policy = RetentionPolicy::parse(text);
    if (!policy)
        return policy.error();
    RetentionRule r;
    r.table = policy->table;
    r.column = policy->column;
    r.keepSeconds = policy->keepSeconds;
    r.archive = policy->archiveTable;
    r.text = text;
    return r;
}

} // namespace dbops
