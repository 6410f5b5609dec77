#pragma once
// Which status rows are alert rules, and what they say now: newest verified backup age (`backup`), last proven
// restore (`restore_drill`), replica lag (`protection`), WAL archiving (`wal`), blocked sessions (`queries`),
// connections of max (`connections`), a critical health finding (`health`), scheduled jobs failing or missing
// their run (`schedules`). A target that cannot be reached is the alert `reachable`.
#include "alert/alertevent.h"
#include "status/statuscheck.h"

namespace dbops {

class AlertRules {
public:
    static QStringList names(); // the status rows watched, in board order, then "reachable"
    // The rules' verdicts on a board. A row that could not be read (unknown) says nothing: its rule keeps the
    // state it had, so a passing read error neither pages nor clears an alert. An unreachable target gives only
    // `reachable` critical, for the same reason.
    static QList<AlertObservation> observe(const StatusBoard &board);
    // Neutral (not set up) counts as ok; unknown gives an empty string (no verdict).
    static QString stateOf(CheckState state);
};

} // namespace dbops
