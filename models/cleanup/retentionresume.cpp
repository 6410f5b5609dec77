#include "cleanup/retentionresume.h"

namespace dbops {

Expected<RetentionRequest> RetentionResume::request(const Target &store, const std::optional<RetentionJournal> &journal,
                                                    const QStringList &policies, const QStringList &unlocked)
{
    if (!journal)
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("no interrupted cleanup of %1 to resume").arg(store.display()));
    if (!policies.isEmpty() && policies != journal->policies)
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("--resume finishes the interrupted job's own policies (%1)")
                               .arg(journal->policies.join(QLatin1Char(' '))),
                           QStringLiteral("leave out --policy, or --discard-interrupted first"));
    auto parsed = RetentionPolicy::parseAll(journal->policies);
    if (!parsed)
        return parsed.error();
    RetentionRequest request;
    request.policies = parsed.value();
    request.now = journal->now;
    request.unlocked = unlocked;
    for (const RetentionPolicy &p : request.policies)
        if (RetentionPolicy::isProtectedTable(p.table) && !request.unlocked.contains(p.table))
            request.unlocked << p.table;
    return request;
}

Error RetentionResume::refuseNewApply(const Target &store, const std::optional<RetentionJournal> &journal)
{
    if (!journal)
        return {};
    return Error::make(
        ErrorCode::Refused,
        QStringLiteral("a cleanup of %1 started %2 was interrupted (%3)")
            .arg(store.display(), journal->startedAt.toString(Qt::ISODate), journal->policies.join(QLatin1Char(' '))),
        QStringLiteral("finish it with --resume, or forget it with --discard-interrupted"));
}

bool RetentionResume::discard(const Target &store)
{
    const bool had = RetentionJournal::load(store).has_value();
    RetentionJournal::remove(store);
    return had;
}

} // namespace dbops
