#pragma once
// What a profile says about alerts, in its group of profiles.ini (read here, so the profile editor need not know
// these keys; ProfileStore keeps keys it does not own when it saves):
//   alert_backup_warn_hours=26         newest verified backup older: warning
//   alert_backup_critical_days=7       … critical
//   alert_drill_warn_days=7            last proven restore older: warning (default: drill_warn_days)
//   alert_drill_critical_days=14       … critical (default: drill_critical_days)
//   alert_lag_warn_seconds=60          replica lag: warning
//   alert_lag_critical_seconds=600     … critical
//   alert_blocked_seconds=60           a session blocked longer: critical (any blocked session: warning)
//   alert_connections_warn_pct=80      connections in use of max_connections: warning
//   alert_connections_critical_pct=95  … critical
//   alert_schedule_grace_seconds=60    a scheduled run later than its period + its last duration + this: missed
//   alert_command=PATH                 a program run with each alert as JSON on stdin
//   alert_webhook=URL                  a URL each alert is POSTed to (a secret: kept out of argv and logs)
//   alert_desktop=true                 desktop notifications (when a session bus exists)
#include "status/statusrequest.h"

namespace dbops {

struct AlertSettings {
    StatusThresholds thresholds;
    double connectionsWarnPct = 80;
    double connectionsCriticalPct = 95;
    qint64 scheduleGraceS = 60;
    QString command;
    QString webhook;
    bool desktop = false;

    // The settings of a saved profile (defaults for an empty or unknown name). `file`: ProfileStore's default.
    static AlertSettings forProfile(const QString &profile, const QString &file = {});
    // The thresholds into a status request (backup, drill, lag, blocked sessions, connections).
    void applyTo(StatusRequest &request) const;
};

} // namespace dbops
