#pragma once
// The Cleanup tab's retention steps as DbWorker jobs on the operations worker (submit(..., false): each opens
// what it needs), the same entry points `dbops cleanup` calls.
//
//   ops->submit("retention: read the store's policies", RetentionJobs::inspect(target, store), false);
//   // jobFinished(id, v): v.value<RetentionStoreFacts>()
//   ops->submit("retention dry run", RetentionJobs::plan(store, request), false);     // RetentionPlan
//   ops->submit("retention apply", RetentionJobs::apply(plan, options), false);       // RetentionResult
//   ops->submit("retention: suggest", RetentionJobs::suggest(store), false);  // QList<RetentionSuggestion>
// A resume plans RetentionResume::request(store, journal). Failures arrive as jobFailed(id, error).
#include "cleanup/retentionjournal.h"
#include "cleanup/retentionplan.h"
#include "cleanup/retentionrunner.h"
#include "cleanup/retentionsuggest.h"
#include "worker/jobcontext.h"

#include <QMetaType>
#include <optional>

namespace dbops {

// What the Cleanup tab reads before it offers a store: a data directory's SQLite files (when no store of it is
// picked yet), the profile's saved policies, and an interrupted job of the store.
struct RetentionStoreFacts {
    QStringList stores; // data directory: relative paths of its SQLite files
    QStringList policies;
    std::optional<RetentionJournal> journal;
};

class RetentionJobs {
public:
    // `target`: what was opened (a data directory or a store); `store`: the SQLite file picked in it (invalid:
    // none yet, list them).
    static Job inspect(const Target &target, const Target &store);
    static Job plan(const Target &store, const RetentionRequest &request);
    static Job apply(const RetentionPlan &plan, const RetentionApplyOptions &options);
    static Job suggest(const Target &store);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::RetentionStoreFacts)
Q_DECLARE_METATYPE(QList<dbops::RetentionSuggestion>)
