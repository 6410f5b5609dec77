#pragma once
// One alert rule's verdict now (AlertObservation), and one change of it worth telling someone (AlertEvent): an
// alert when it turns warning or critical (or worse), a recovery when it is ok again.
#include "status/statuscheck.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QProcessEnvironment>

namespace dbops {

struct AlertObservation {
    QString rule;  // a status row's name ("backup", "restore_drill", …) or "reachable"
    QString state; // "ok" | "warning" | "critical"
    QString reason;
    QJsonValue value;
};

struct AlertEvent {
    QString target; // Target::display(): no password
    QString rule;
    QString state;
    QString previousState; // "unknown" the first time a rule is seen
    QString reason;
    QJsonValue value;
    QDateTime at; // UTC

    bool recovery() const { return state == QLatin1String("ok"); }
    QString kind() const; // "alert" | "recovery"
    // target, rule, state, previous_state, reason, value, at, kind
    QJsonObject toJson() const;
    QString summary() const; // "critical: backup on trading.db"
    QString line() const;    // "backup ok → critical: no backup of this store"
    // DBOPS_ALERT_TARGET, _RULE, _STATE, _PREVIOUS_STATE, _REASON, _VALUE, _AT, _KIND
    QProcessEnvironment environment() const;
};

// What one watch evaluation found: the changes, and every rule active now (warning or critical); with channels,
// the earlier changes sent again and every channel that failed.
struct AlertCheck {
    QString target;
    QList<AlertEvent> events;
    QList<AlertObservation> active;
    QList<AlertEvent> resent;        // owed by an earlier evaluation (no channel took them), sent again
    QList<Error> notifyErrors;       // one per channel that failed, per event
    int exitCode() const;            // 0 nothing active, 1 a warning, 2 a critical alert
    QStringList activeLines() const; // "critical backup: no backup of this store"
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::AlertCheck)
