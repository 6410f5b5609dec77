#pragma once
// The console's status boards and alerts as DbWorker jobs, each board the one every front end shows
// (TargetBoard: the profile's alert_* thresholds, the `schedules` row), off the GUI thread (profile file, state.db,
// unit files, systemctl):
//
//   worker->submit("status", AlertJobs::evaluateStatus(target, options)); // jobFinished: v.value<StatusBoard>()
//   files->submit("board", AlertJobs::profileBoard(file, name), false);    // the target sidebar, one profile
//   files->submit("alerts", AlertJobs::record(board, {}), false);          // jobFinished: v.value<AlertCheck>()
#include "alert/alertevent.h"
#include "connection/sessionoptions.h"
#include "status/statuscheck.h"
#include "worker/jobcontext.h"

namespace dbops {

class AlertJobs {
public:
    // The Overview's board for the open target: PostgreSQL on the worker's own connection (no session of its own).
    static WorkerJob evaluateStatus(const Target &target, const SessionOptions &options);
    // One saved profile of `profilesFile` (empty: the default) for the target sidebar, on a worker with no
    // connection: at most one session of its own. An unknown name gives a board with `error` set.
    static Job profileBoard(const QString &profilesFile, const QString &name);
    // The Overview's board judged by the alert rules and recorded (watcher "console": its own states, audit
    // records). `statePath`: state.db; empty: the default one.
    static Job record(const StatusBoard &board, const QString &statePath);
};

} // namespace dbops
