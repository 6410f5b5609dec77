#pragma once
// Each alert rule's last state per watcher and target, kept in state.db (table alert_state, through StateDb), and
// the one place that decides what changed: a rule whose state differs from the stored one gives one AlertEvent
// (an alert, or a recovery when it is ok again); the same state again gives nothing. Watchers ("watch" for
// `dbops watch`, "console" for the GUI) keep their own states, so one does not swallow the other's alerts.
// Beside the states (table alert_pending): the events no notifier took, per rule the newest, so the next
// evaluation sends them again (AlertChannels::deliver).
#include "alert/alertevent.h"
#include "core/expected.h"
#include "state/statedb.h"

#include <QMap>

namespace dbops {

struct AlertStateRow {
    QString state;
    QString reason;
    QString value;
    QDateTime since;
};

class AlertStore {
public:
    explicit AlertStore(const QString &databasePath = {}, const QString &watcher = QStringLiteral("watch"));
    Expected<QMap<QString, AlertStateRow>> load(const QString &target) const;
    // Compares `now` with the stored states, stores the new ones, returns the changes (first seen ok: none).
    Expected<QList<AlertEvent>> update(const QString &target, const QList<AlertObservation> &now,
                                       const QDateTime &at) const;
    // The stored rules of `target` that are warning or critical.
    Expected<QList<AlertObservation>> active(const QString &target) const;
    // The events of `target` no notifier took yet, to send again. Events of this watcher owed for more than
    // kPendingDays before `now` (any target: one no longer watched too) are dropped first, each said in the log.
    Expected<QList<AlertEvent>> undelivered(const QString &target,
                                            const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    static constexpr int kPendingDays = 7;
    // `delivered` settled (their rules owe nothing any more), `undelivered` kept (each replaces its rule's older
    // one), in one transaction.
    Error settle(const QString &target, const QList<AlertEvent> &delivered, const QList<AlertEvent> &undelivered) const;
    // Pure: the events between `stored` and `now`.
    static QList<AlertEvent> changes(const QString &target, const QMap<QString, AlertStateRow> &stored,
                                     const QList<AlertObservation> &now, const QDateTime &at);

private:
    Error with(const StateDb::WorkFn &work) const; // on state.db, both tables there
    Error dropExpired(QSqlDatabase &db, const QDateTime &cutoff) const;

    QString m_path;
    QString m_watcher;
};

} // namespace dbops
