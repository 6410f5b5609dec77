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
    QString database; // the database the probe is connected to
    int backgroundProcesses = 0;
    QList<PgSession> sessions; // client backends, by pid

    // Connections ordinary roles can open: max_connections minus the reserved slots.
    int availableConnections() const { return maxConnections - superuserReserved - reserved; }
    const PgSession *find(int pid) const;
};

class PgActivityReader {
public:
    static Expected<PgActivity> read(QSqlDatabase db, const Target &target);
};

} // namespace dbops
