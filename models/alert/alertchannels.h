#pragma once
// The channels one watch notifies (desktop, a command, a webhook: AlertNotifiers), and what "delivered" means:
// an event is delivered when at least one channel took it (a desktop notification shown, the command ended with
// 0, the webhook answered 2xx). One that no channel took stays owed in state.db (AlertStore::undelivered) and is
// sent again by the next evaluation, until one takes it or its rule changes again (the newer change is sent
// then). With no channel (the console records without sending) nothing is owed.
#include "alert/alertevent.h"
#include "core/error.h"

namespace dbops {

class AlertStore;

// One event through the channels.
struct AlertSent {
    AlertEvent event;
    bool resent = false;            // an earlier evaluation's, no channel took it then
    bool delivered = false;         // a channel took it (no channel asked for: nothing owed, true)
    QList<Error> errors;            // the channels that failed
    QString undeliveredWhy() const; // the failures in one line, for the audit trail
};

struct AlertChannels {
    bool desktop = false;
    QString command;
    QString webhook;
    bool any() const { return desktop || !command.isEmpty() || !webhook.isEmpty(); }
    // A Usage error for a webhook that is not an http(s) URL or a command that is not an executable file.
    Error check() const;
    // Each event through every channel (a failing one is logged, the others still run).
    QList<AlertSent> notify(const QList<AlertEvent> &events) const;
    // The events `store` still owes for `target` (first; those whose rule changed again left out: `fresh` has the
    // newer change), then `fresh`, sent; what no channel took kept owed, the rest settled. `stateError` set when
    // state.db could not be read or written.
    QList<AlertSent> deliver(const AlertStore &store, const QString &target, const QList<AlertEvent> &fresh,
                             Error *stateError = nullptr) const;
};

} // namespace dbops
