#pragma once
// Each schedule with its next run, last run, last result and duration: from systemd when it runs (its timers and
// services know), else from the audit trail's "schedule" records (what the runs themselves wrote). What
// `dbops schedule list` prints and the console's Schedules section shows.
#include "schedule/schedulespec.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

#include <functional>

namespace dbops {

struct ScheduleRow {
    ScheduleSpec spec;
    QString unitDir;
    QString source; // "systemd" | "audit"
    bool enabled = false;
    QDateTime next;
    QDateTime last;
    QString result; // "ok" | "warning" | "failed" | "skipped" | "running" | "" (never ran)
    qint64 durationMs = -1;
    QString detail;

    // name, job, target, every, on_calendar, command, unit_dir, source, enabled, next_run, last_run,
    // last_result, duration_s, detail
    QJsonObject toJson() const;
};

struct ScheduleList {
    QList<ScheduleRow> rows;
    bool systemdRunning = false;
    QString systemdNote;        // "systemd not running (offline)" when it is not
    QJsonObject toJson() const; // schedules[], systemd_running, systemd_note
};

class ScheduleStatus {
public:
    // Reads the unit folder (user units, or system units) and asks systemd or the audit trail about the schedules
    // `wanted` keeps (all when empty); with none kept, neither systemd nor the audit trail is asked.
    static Expected<ScheduleList> read(bool system, const std::function<bool(const ScheduleSpec &)> &wanted = {});
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::ScheduleList)
