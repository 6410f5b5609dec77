#pragma once
// The console's alerts as a DbWorker file job: the board the Overview already evaluated (no session of its own)
// judged by the alert rules and recorded (watcher "console": its own states, audit records), off the GUI thread
// (state.db, systemctl for the schedules).
//
//   files->submit("alerts", AlertJobs::record(board, {}), false); // jobFinished: v.value<AlertCheck>()
#include "alert/alertevent.h"
#include "status/statuscheck.h"
#include "status/statusjobs.h"
#include "worker/jobcontext.h"

namespace dbops {

class AlertJobs {
public:
    // The Overview's status board judged with the profile's alert_* thresholds, as `dbops watch` judges it: the
    // console's alert count and `watch` agree on one profile (StatusJobs::evaluate with them applied in the job).
    static WorkerJob evaluateStatus(const Target &target, const SessionOptions &options);
    // `statePath`: state.db; empty: the default one.
    static Job record(const StatusBoard &board, const QString &statePath);
};

} // namespace dbops
