#pragma once
// What may happen to an interrupted retention job of a store (its RetentionJournal), the same from the Cleanup
// tab and `dbops cleanup`: resume it with its own policies and cut-off, forget it, and no new apply while it
// waits (that would count back from another instant and leave the first job half done).
#include "cleanup/retentionjournal.h"
#include "cleanup/retentionplan.h"

#include <optional>

namespace dbops {

class RetentionResume {
public:
    // The request that finishes `journal`'s job: its policies and the instant its cut-offs count back from.
    // Policies the caller names must be the journal's. Its protected tables stay unlocked (the job could only
    // start with them unlocked), with `unlocked` added. Usage error: no journal, other policies.
    static Expected<RetentionRequest> request(const Target &store, const std::optional<RetentionJournal> &journal,
                                              const QStringList &policies = {}, const QStringList &unlocked = {});
    // Refused while `journal` (an interrupted job of `store`) waits.
    static Error refuseNewApply(const Target &store, const std::optional<RetentionJournal> &journal);
    // Forgets the interrupted job of `store` (its finished batches stay done); true when there was one.
    static bool discard(const Target &store);
};

} // namespace dbops
