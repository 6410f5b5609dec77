#pragma once
// The console's alerts as a DbWorker file job: the board the Overview already evaluated (no session of its own)
// judged by the alert rules and recorded (watcher "console": its own states, audit records), off the GUI thread
// (state.db, systemctl for the schedules).
//
//   files->submit("alerts", AlertJobs::record(board, {}), false); // jobFinished: v.value<AlertCheck>()
#include "alert/alertevent.h"
#include "status/statuscheck.h"
#include "worker/jobcontext.h"

namespace dbops {

class AlertJobs {
public:
    // `statePath`: state.db; empty: the default one.
    static Job record(const StatusBoard &board, const QString &statePath);
};

} // namespace dbops
