#pragma once
// The console's Schedules section as worker jobs: systemctl and the unit folder are read and driven off the GUI
// thread (systemctl may take seconds).
//
//   files->submit("schedules", ScheduleJobs::list(false), false);      // jobFinished: v.value<ScheduleList>()
//   files->submit("run schedule", ScheduleJobs::runNow(name, false), false); // a QString saying what was done
//   files->submit("add schedule", ScheduleJobs::add(spec, false), false);   // v.value<ScheduleAdded>()
//   files->submit("remove schedule", ScheduleJobs::remove(name, false), false); // a QString
// Adding and removing go through ScheduleSetup, as `dbops schedule add|remove` do.
#include "schedule/schedulesetup.h"
#include "schedule/schedulestatus.h"
#include "worker/jobcontext.h"

namespace dbops {

class ScheduleJobs {
public:
    static Job list(bool system);
    static Job setEnabled(const QString &name, bool enabled, bool system);
    static Job runNow(const QString &name, bool system);
    // Writes the units and enables the timer when systemd runs (a schedule is added enabled, as the CLI does).
    static Job add(const ScheduleSpec &spec, bool system);
    static Job remove(const QString &name, bool system);
    // The `dbops` the units run (ScheduleSetup::cliProgram: looks at the disk), as a QString.
    static Job cliProgram();
};

} // namespace dbops
