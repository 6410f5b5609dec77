#pragma once
// One row of pg_stat_activity as the activity probes see it (client backends only), and how it is classified.
#include <QList>
#include <QString>

namespace dbops {

// Disjoint states: a session waiting on a lock counts as `Waiting`, not `Active`.
enum class SessionState { Active, Waiting, Idle, IdleInTransaction, IdleInTransactionAborted, Other };

struct PgSession {
    int pid = 0;
    QString user;
    QString application;
    QString clientAddr; // empty: Unix socket
    QString database;
    QString state; // pg_stat_activity.state as the server spells it
    QString waitEventType;
    QString waitEvent;
    double backendSeconds = 0; // since backend_start
    double xactSeconds = -1;   // since xact_start; -1 when no transaction is open
    double querySeconds = -1;  // since query_start; -1 when never ran a query
    double stateSeconds = 0;   // since state_change
    qint64 queryStartMs = 0;   // query_start, ms since the epoch (server clock): identifies one execution
    QString query;             // the current (active) or last (idle) statement
    QList<int> blockedBy;      // pg_blocking_pids(), only filled for sessions waiting on a lock
    bool isSelf = false;       // the probing session itself
    bool isConsole = false;    // application_name "dbops" or "dbops-…": the console's own sessions
    // Another user's session the console's user may not look into (no pg_read_all_stats): only pid, user,
    // database and application are known; its state is empty (category Other).
    bool hidden = false;

    SessionState category() const;
    // The console's session, or a statement the console sent (SqlText's marker; e.g. through a pooler that
    // drops application_name): never listed as the bot's running or slow work.
    bool isOwnWork() const;
    static QString stateKey(SessionState state); // "active", "waiting", "idle", "idle_in_transaction", …
    static bool isConsoleApplication(const QString &applicationName);
};

} // namespace dbops
