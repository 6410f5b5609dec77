#pragma once
// PostgreSQL pool usage: client connections grouped by application (then user, client address, database)
// and state, against the server's capacity and each application's configured pool maximum; leak suspects.
// The console's own sessions are counted apart and never in an application's figures. Other users' sessions
// a user without pg_read_all_stats cannot see into still take slots: counted, by application, state unknown.
#include "activity/pgactivity.h"
#include "activity/pooloptions.h"
#include "core/severity.h"

#include <QJsonObject>

namespace dbops {

struct StateCounts {
    int active = 0;  // running, not waiting on a lock
    int waiting = 0; // running but waiting on a lock
    int idle = 0;
    int idleInTransaction = 0;
    int idleInTransactionAborted = 0;
    int other = 0;
    int hidden = 0; // of `other`: other users' sessions the console's user cannot see into (state unknown)

    int total() const { return active + waiting + idle + idleInTransaction + idleInTransactionAborted + other; }
    void add(const PgSession &session);
    QJsonObject toJson() const;
};

struct PoolGroup { // one (user, client address, database) of an application
    QString user;
    QString clientAddr;
    QString database;
    StateCounts counts;
};

struct AppUsage {
    QString name;
    StateCounts counts;
    int poolMax = 0;     // 0: no pool maximum configured
    double usagePct = 0; // of poolMax when configured, else of the server's available connections
    Severity severity = Severity::Normal;
    double oldestIdleSeconds = 0;
    QList<PoolGroup> groups;
};

struct LeakSuspect {
    int pid = 0;
    QString application;
    QString user;
    QString database;
    QString clientAddr;
    QString state;
    double seconds = 0;        // in this state
    double backendSeconds = 0; // connection age
    QString query;             // the last statement
    QString reason;
};

struct PgPool {
    // The application of hidden sessions whose application_name is not shown either.
    static QString hiddenApplication() { return QStringLiteral("unknown (no privilege)"); }

    QDateTime at;
    int maxConnections = 0;
    int reservedConnections = 0; // superuser_reserved_connections + reserved_connections
    int availableConnections = 0;
    int total = 0; // every client connection, the console's included (they take slots too)
    double usagePct = 0;
    Severity severity = Severity::Normal;
    StateCounts counts;        // the bots' connections (console excluded)
    StateCounts consoleCounts; // the console's own sessions
    int backgroundProcesses = 0;
    bool privileged = true;          // PgActivity::privileged
    QString privilegeHint;           // PgActivity::privilegeHint: empty when privileged
    int hiddenSessions = 0;          // client sessions counted without their state (no leak judgement for them)
    QList<AppUsage> applications;    // most connections first
    QList<LeakSuspect> leakSuspects; // longest first
    double warnPct = 80;
    double criticalPct = 95;

    Severity worst() const; // thresholds and leak suspects (a suspect is a warning)
    bool othersHidden() const { return !privileged && hiddenSessions > 0; }
    QJsonObject toJson() const;
};

class PgPoolAnalyzer {
public:
    static PgPool analyze(const PgActivity &activity, const PoolOptions &options);
    static Severity severityFor(double pct, const PoolOptions &options);
};

} // namespace dbops
