#pragma once
// Reads the server's capacity and its client sessions (pg_stat_activity) on an open PostgreSQL connection.
// Shared by the pool view and the slow-query view, so one refresh costs one pass over pg_stat_activity.
#include "activity/pgsession.h"
#include "connection/target.h"
#include "core/expected.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace dbops {

struct PgActivity {
    QDateTime at; // UTC, when it was read
    int maxConnections = 0;
    int superuserReserved = 0;
    int reserved = 0; // reserved_connections (PostgreSQL 16+), else 0
    int serverVersionNum = 0;
    QString database;  // the database the probe is connected to
    QString user;      // the console's user (current_user)
    QString userIdent; // the same, quoted where SQL needs it
    // Superuser or pg_read_all_stats (pg_monitor): other users' sessions are seen in full.
    bool privileged = true;
    int backgroundProcesses = 0;
    QList<PgSession> sessions; // client backends, by pid (hidden ones included: they take slots too)

    // Connections ordinary roles can open: max_connections minus the reserved slots.
    int availableConnections() const { return maxConnections - superuserReserved - reserved; }
    const PgSession *find(int pid) const;
    int hiddenSessions() const; // client sessions whose state and statement the console's user cannot see
    // "the console's user X cannot see other users' sessions: GRANT pg_monitor TO X"; empty when privileged.
    QString privilegeHint() const;
    // What depends on other sessions' details (who writes, what is blocked, leaks) cannot be judged now.
    bool othersHidden() const { return !privileged && hiddenSessions() > 0; }
};

class PgActivityReader {
public:
    static Expected<PgActivity> read(QSqlDatabase db, const Target &target);
};

} // namespace dbops
