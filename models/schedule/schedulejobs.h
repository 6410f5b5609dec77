#pragma once
// The console's Schedules section as worker jobs: systemctl and the unit folder are read and driven off the GUI
// thread (systemctl may take seconds).
//
//   files->submit("schedules", ScheduleJobs::list(false), false);      // jobFinished: v.value<ScheduleList>()
//   files->submit("run schedule", ScheduleJobs::runNow(name, false), false); // a QString saying what was done
#include "schedule/schedulestatus.h"
#include "worker/jobcontext.h"

namespace dbops {

class ScheduleJobs {
public:
    static Job list(bool system);
    static Job setEnabled(const QString &name, bool enabled, bool system);
    static Job runNow(const QString &name, bool system);
};

} // namespace dbops
