#pragma once
// One status evaluation, the same for `dbops status` and the console's board: gathers what the existing
// probes see (overview with the schema line, one pass over pg_stat_activity or the SQLite pool view, a quick
// health scan, the backup catalog, free disk space) and judges each concern (StatusRules). Only reads.
//
//   StatusBoard b = StatusEvaluator::evaluate(StatusRequest::forTarget(target));   // CLI, calling thread
//   worker->submit("status", AlertJobs::evaluateStatus(target, options));            // GUI (alert/)
#include "status/statuscheck.h"
#include "status/statusrequest.h"

#include <QSqlDatabase>

namespace dbops {

class StatusEvaluator {
public:
    // In the calling thread. PostgreSQL: on `db` when given (a monitor worker's connection), else on one session
    // of its own for the whole evaluation. A target that cannot be opened gives a board with `error` set.
    static StatusBoard evaluate(const StatusRequest &request, const QSqlDatabase &db = {});
};

} // namespace dbops
