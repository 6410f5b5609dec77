#pragma once
// The demo store as a DbWorker file job (submit(..., false)): created in `directory` unless it is there.
//
//   files->submit("create demo store", DemoJobs::prepare(dir), false);
//   // jobFinished(id, v): v.value<Target>() (the data directory);  jobFailed(id, error)
#include "worker/jobcontext.h"

namespace dbops {

class DemoJobs {
public:
    static Job prepare(const QString &directory);
};

} // namespace dbops
