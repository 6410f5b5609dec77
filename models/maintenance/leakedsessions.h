#pragma once
// Leaked connections of one application (seed 000 leaks them): its sessions on the target's database that
// sit idle in a transaction, or idle longer than a limit. preview() lists them (read-only); terminate()
// reads the sessions again and ends only those that still match, each through SessionActions (which never
// touches the console's own sessions nor background workers, and audits every attempt).
#include "activity/pgpool.h"
#include "audit/auditlog.h"
#include "connection/sessionoptions.h"
#include "connection/target.h"

#include <QJsonObject>
#include <QMetaType>
#include <QSqlDatabase>

namespace dbops {

struct LeakCriteria {
    QString application;                     // application_name, exact; required
    double idleOverSeconds = -1;             // idle (no transaction) longer than this; < 0: idle sessions never match
    bool idleInTransaction = true;           // idle in transaction (aborted too) matches…
    double idleInTransactionOverSeconds = 0; // …once it has been so for longer than this
    bool allDatabases = false;               // false: only sessions on the target's database

    Error validate() const; // Usage when no application; Refused for the console's own application names
    QString describe() const;
};

struct LeakPreview {
    Target target;
    LeakCriteria criteria;
    QString database;               // the target's database
    QList<LeakSuspect> sessions;    // to terminate, longest first
    int applicationSessions = 0;    // every session of the application seen (matching or not)
    int consoleSessionsSkipped = 0; // the console's own, never listed
    QJsonObject toJson() const;     // status, application, database, count, sessions[{pid, state, seconds,…}]
};

struct TerminateOutcome {
    int pid = 0;
    QString state;
    Error error; // none: terminated
};

struct LeakTermination {
    LeakPreview preview; // as read again right before terminating
    QList<TerminateOutcome> outcomes;
    int terminated() const;
    int failed() const { return int(outcomes.size()) - terminated(); }
    QJsonObject toJson() const; // the preview's keys plus terminated, failed, results[{pid, outcome, error}]
};

class LeakedSessions {
public:
    static Expected<LeakPreview> preview(QSqlDatabase db, const Target &target, const LeakCriteria &criteria);
    static Expected<LeakPreview> preview(const Target &target, const LeakCriteria &criteria,
                                         const SessionOptions &options = SessionOptions::monitor());
    // `onlyPids` non-empty: terminate only those of the fresh preview (what the operator confirmed).
    static Expected<LeakTermination> terminate(QSqlDatabase actionDb, const Target &target,
                                               const LeakCriteria &criteria, const QList<int> &onlyPids,
                                               const AuditLog &audit = AuditLog());
    static Expected<LeakTermination> terminate(const Target &target, const LeakCriteria &criteria,
                                               const QList<int> &onlyPids, const SessionOptions &options,
                                               const AuditLog &audit = AuditLog());
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::LeakPreview)
Q_DECLARE_METATYPE(dbops::LeakTermination)
