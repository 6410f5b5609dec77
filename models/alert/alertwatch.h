#pragma once
// One watch evaluation of a target: the status board (TargetBoard: one session on PostgreSQL, the `schedules` row
// included), the alert rules' verdicts, the changes against the stored states (AlertStore), and an audit record
// (action "alert") for each alert and recovery, once the options' channels (none: the console records without
// sending) were given it: an alert no channel took is audited as not delivered and sent again by the next
// evaluation (AlertChannels::deliver).
//
//   AlertCheck c = AlertWatch::check(request);            // `dbops watch`, calling thread
//   AlertCheck c = AlertWatch::record(board, options);    // the console, on the worker that made the board
#include "alert/alertchannels.h"
#include "alert/alertevent.h"
#include "alert/targetboard.h"

namespace dbops {

struct AlertOptions {
    QString statePath; // state.db; empty: Paths::stateDatabase()
    QString watcher = QStringLiteral("watch");
    AlertChannels channels; // where the events go; none: recorded only
};

struct WatchRequest {
    BoardRequest board;
    AlertOptions options;
};

class AlertWatch {
public:
    // The request for a target: its board as every front end shows it (TargetBoard::forTarget).
    static WatchRequest forTarget(const Target &target);
    // `error` set when the alert state could not be read or written (the check then fires nothing, or the
    // undelivered events could not be kept).
    static AlertCheck check(const WatchRequest &request, Error *error = nullptr);
    // A board made by TargetBoard::evaluate (its `schedules` row included) judged and recorded.
    static AlertCheck record(const StatusBoard &board, const AlertOptions &options, Error *error = nullptr);
};

} // namespace dbops
