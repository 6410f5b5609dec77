#pragma once
// The status board's row for scheduled jobs (`schedules`): a schedule whose last run failed, or whose last run is
// older than its period plus a grace. The facts are plain values: the schedule folder sits above this one, and
// whoever reads the schedules (alert/alertwatch.cpp) hands them down.
#include "status/statuscheck.h"

#include <QDateTime>

namespace dbops {

struct ScheduleFact {
    QString name;
    QString job;
    bool enabled = true;
    qint64 periodS = -1; // the time between two runs; -1: not known (an OnCalendar expression of its own)
    QDateTime lastRun;   // invalid: never ran
    QString lastResult;  // "ok" | "warning" | "failed" | "skipped" | "running" | ""
    qint64 lastDurationS = 0;
    QDateTime since; // when the schedule was written (a schedule that never ran is judged from here)
};

class StatusScheduleRules {
public:
    // "1h" → 3600, "15min" → 900, "daily"/"03:30" → 86400, "weekly" → 604800; -1 when `every` is an expression.
    static qint64 periodSeconds(const QString &every);
    // One row for the schedules of a target: critical when a run failed or a run is missed (no run within
    // period + last duration + `graceS`), warning when the last run ended with a warning; neutral without any.
    static StatusCheck schedules(const QList<ScheduleFact> &facts, const QDateTime &now, qint64 graceS);
};

} // namespace dbops
