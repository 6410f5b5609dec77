#pragma once
// One watch evaluation of a target: the status board (StatusEvaluator: one session on PostgreSQL) with the
// `schedules` row added from the schedules of that target, the alert rules' verdicts, the changes against the
// stored states (AlertStore), and an audit record (action "alert") for each alert and recovery. Notifying is
// the caller's (AlertChannels), so the console can record without sending.
//
//   AlertCheck c = AlertWatch::check(request);            // `dbops watch`, calling thread
//   AlertCheck c = AlertWatch::record(board, options);    // the console, on the worker that made the board
#include "alert/alertevent.h"
#include "alert/alertsettings.h"
#include "status/statusschedulerules.h"

namespace dbops {

struct AlertOptions {
    QString statePath; // state.db; empty: Paths::stateDatabase()
    QString watcher = QStringLiteral("watch");
    qint64 scheduleGraceS = 60;
    bool schedules = true; // read the target's schedules (systemctl) for the `schedules` row
};

struct WatchRequest {
    StatusRequest status;
    AlertOptions options;
};

class AlertWatch {
public:
    // The request for a target: its profile's alert thresholds applied.
    static WatchRequest forTarget(const Target &target);
    // `error` set when the alert state could not be read or written (the check then fires nothing).
    static AlertCheck check(const WatchRequest &request, Error *error = nullptr);
    static AlertCheck record(StatusBoard board, const AlertOptions &options, Error *error = nullptr);
    // The schedules of a target (its profile name, or its spec) as the rule judges them (user units, and system units
    // when readable).
    static QList<ScheduleFact> schedulesOf(const QString &profile, const QString &target);
};

} // namespace dbops
