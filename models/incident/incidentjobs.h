#pragma once
// The evidence bundle as a DbWorker job for the console (submit(..., false): it opens its own sessions).
//
//   worker->submit("capture incident", IncidentJobs::capture(request, sections), false);
//   // jobFinished(id, v): v.value<IncidentResult>();  jobFailed(id, error) (cancelled: ErrorCode::Cancelled)
#include "incident/incidentbundle.h"
#include "worker/jobcontext.h"

namespace dbops {

class IncidentJobs {
public:
    static Job capture(const IncidentRequest &request, const QList<IncidentSection> &sections);
};

} // namespace dbops
