#pragma once
// Store maintenance the operator starts: PostgreSQL VACUUM (ANALYZE), ANALYZE, REINDEX … CONCURRENTLY on
// chosen tables (each on its own action session, progress from pg_stat_progress_* read by a second, monitor
// session, cancel by pg_cancel_backend of the action session); SQLite VACUUM (refused while the bot writes or
// when the disk lacks the room it needs), incremental_vacuum, PRAGMA optimize and wal_checkpoint.
//
// preview() reads only: the store's sizes, what would run, and why it would be refused. run() does it (the
// same checks again first), reports sizes before and after, and writes one audit record (refusals included).
// Plain values, no threads of its own beyond the PostgreSQL action session's: call it from a worker.
#include "audit/auditlog.h"
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "probe/writeractivity.h"
#include "worker/opcontrol.h"

#include <QJsonObject>
#include <QMetaType>
#include <QStringList>

namespace dbops {

enum class MaintenanceOp { Vacuum, Analyze, Reindex, Optimize, Checkpoint, IncrementalVacuum };

// An action session without statement or lock timeout: VACUUM and REINDEX may run long, and take only locks
// the bot's reads and writes do not conflict with; the operator cancels instead. SQLite: 5 s busy timeout.
inline SessionOptions maintenanceSession()
{
    SessionOptions o = SessionOptions::action();
    o.statementTimeoutMs = 0;
    o.lockTimeoutMs = 0;
    o.sqliteBusyTimeoutMs = 5000;
    return o;
}

struct MaintenanceRequest {
    MaintenanceOp op = MaintenanceOp::Vacuum;
    QStringList tables;       // PostgreSQL: these tables ("schema.table" or "table"); empty: the whole database
    QStringList indexes;      // PostgreSQL reindex: REINDEX INDEX CONCURRENTLY on these
    bool truncate = false;    // SQLite checkpoint: TRUNCATE (default PASSIVE)
    int incrementalPages = 0; // SQLite incremental_vacuum(N); 0: every free page
    SessionOptions session = maintenanceSession(); // password for PostgreSQL (the GUI prompt); timeouts
    int pollMs = 100;                              // PostgreSQL progress polling interval

    QString describe() const; // "vacuum tables=a,b", for the audit trail and the log
};

// Sizes of the store (and, for PostgreSQL, of each chosen table) at one moment.
struct StoreSizes {
    qint64 databaseBytes = -1; // SQLite: main file; PostgreSQL: pg_database_size
    qint64 walBytes = -1;      // SQLite: -wal file (0 when absent)
    qint64 pageSize = 0;       // SQLite
    qint64 pageCount = -1;     // SQLite
    qint64 freelistPages = -1; // SQLite: free pages VACUUM / incremental_vacuum would give back
    QString autoVacuum;        // SQLite: "none" | "full" | "incremental"
    QString journalMode;       // SQLite

    QJsonObject toJson() const;
};

struct TableSizes {
    QString table;     // as PostgreSQL spells it (quoted when needed)
    qint64 bytes = -1; // pg_total_relation_size
    qint64 deadRows = -1;
    qint64 liveRows = -1;

    QJsonObject toJson() const;
};

struct CheckpointFigures {
    bool ran = false;
    int busy = 0;       // 1 when the checkpoint could not finish (a reader or writer was in the way)
    int logFrames = -1; // frames in the WAL (-1: not in WAL mode)
    int checkpointedFrames = -1;

    QJsonObject toJson() const;
};

// What a poll of pg_stat_progress_* saw.
struct ProgressSample {
    QString command; // "vacuum" | "analyze" | "create_index"
    QString phase;
    QString table;
    qint64 done = 0;
    qint64 total = 0;
};

struct MaintenancePlan {
    Target target;
    MaintenanceRequest request;
    QStringList statements; // what run() executes, in order
    QStringList tables;     // resolved tables (PostgreSQL) — empty: the whole database
    StoreSizes sizes;
    QList<TableSizes> tableSizes;
    WriterReport writers;   // SQLite VACUUM: who holds the store
    qint64 spaceNeeded = 0; // SQLite VACUUM: bytes the temporary copy and the journal need
    qint64 spaceAvailable = -1;
    QStringList warnings; // shown before the operator confirms
    Error refusal;        // set: run() will refuse, for this reason

    bool refused() const { return refusal.isError(); }
    QJsonObject toJson() const; // status "preview" | "refused", op, target, statements, sizes, warnings, …
};

struct MaintenanceResult {
    enum class Status { Done, Refused, Failed, Cancelled };
    Status status = Status::Failed;
    MaintenancePlan plan;
    StoreSizes before, after;
    QList<TableSizes> tablesBefore, tablesAfter;
    CheckpointFigures checkpoint;
    QList<ProgressSample> progress; // distinct (command, phase, table) seen, in order
    int actionPid = 0;              // PostgreSQL: the action session's backend pid
    QStringList notes;              // e.g. "invalid index left by the cancelled REINDEX: …"
    qint64 durationMs = 0;
    Error error;

    bool ok() const { return status == Status::Done; }
    qint64 bytesFreed() const;                // database (+ WAL) bytes before minus after; may be negative
    static QString statusName(Status status); // "done" | "refused" | "failed" | "cancelled"
    QJsonObject toJson() const;
};

class Maintenance {
public:
    static QString opName(MaintenanceOp op); // "vacuum", "analyze", "reindex", "optimize", "checkpoint",
                                             // "incremental-vacuum"
    static bool parseOp(const QString &name, MaintenanceOp *op);
    // Which operations an engine offers ("sqlite" | "postgresql").
    static QList<MaintenanceOp> opsFor(const QString &engine);

    static Expected<MaintenancePlan> preview(const Target &target, const MaintenanceRequest &request);
    static MaintenanceResult run(const Target &target, const MaintenanceRequest &request, const OpControl &control,
                                 const AuditLog &audit = AuditLog());
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::MaintenancePlan)
Q_DECLARE_METATYPE(dbops::MaintenanceResult)
