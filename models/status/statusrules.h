#pragma once
// How each concern of the status board is judged, from what the existing probes return. Pure functions of
// values (no database, no files), so each rule is tested on its own and the evaluator only gathers.
#include "activity/pgactivity.h"
#include "activity/pgpool.h"
#include "activity/sqlitelocks.h"
#include "activity/sqlitepool.h"
#include "ops/backupcatalog.h"
#include "ops/litestream.h"
#include "probe/overview.h"
#include "schema/healthreport.h"
#include "schema/pgreplication.h"
#include "status/statuscheck.h"
#include "status/statusrequest.h"

namespace dbops {

// PostgreSQL checkpoint and WAL-archiving figures (status_wal.sql).
struct PgWalFacts {
    qint64 checkpointsTimed = -1;
    qint64 checkpointsRequested = -1; // WAL volume, but also CREATE DATABASE, base backups, CHECKPOINT
    qint64 statsWindowS = -1;         // seconds since the statistics were reset (the counts' window)
    // pg_stat_archiver's mode, failure count and last success/failure times: judged by the same rule as the
    // health finding archive_failing (PgArchiveState::failing), so the board and Health never disagree.
    PgArchiveState archive;
};

// What continuous protection looks like: the replica folder (empty: none configured), the Litestream binary or
// why there is none, and each protected store's replica window (or why it could not be read).
struct ProtectionFacts {
    QString replicaDir;
    Error binaryError;
    QList<QPair<QString, Expected<ReplicaWindow>>> replicas; // store path → its replica's window
    QStringList skipped;                                     // data directory stores Litestream cannot protect
};

// Free space of a file system, as QStorageInfo sees it; `valid` false when the folder is not there.
struct DiskFacts {
    QString path;
    bool valid = false;
    qint64 freeBytes = -1;
    qint64 totalBytes = -1;
    qint64 needBytes = 0; // what the next write there needs (a backup: about the store's size)
};

class StatusRules {
public:
    // `maxima`: the profile's pool maxima (a bot not connected now is named too).
    static StatusCheck connectionsPg(const PgPool &pool, const QMap<QString, int> &maxima);
    static StatusCheck connectionsSqlite(const QList<SqlitePool> &stores);
    static StatusCheck queriesPg(const PgActivity &activity, const StatusThresholds &thresholds);
    // `locks`: each store's write lock as SqliteLocks sees it now (same order as `stores`), for who waits.
    static StatusCheck queriesSqlite(const QList<SqlitePool> &stores, const QList<WriteLockSeen> &locks);
    static StatusCheck writerPg(const PgPool &pool);
    static StatusCheck writerSqlite(const QList<SqlitePool> &stores);
    static StatusCheck walPg(const Expected<PgWalFacts> &facts);
    static StatusCheck walSqlite(const QList<SqlitePool> &stores);
    static StatusCheck health(const Expected<HealthReport> &report);
    static StatusCheck migrations(const Overview &overview);
    static StatusCheck backup(const Expected<QList<CatalogEntry>> &catalog, const QString &sourceId, const QString &dir,
                              const StatusRequest &request);
    // The newest proven restore of the store (a passed `dbops drill`, statusdrillrules.cpp).
    static StatusCheck drill(const Expected<QList<CatalogEntry>> &catalog, const QString &sourceId,
                             const StatusRequest &request);
    // Continuous protection: not configured (no replica folder), or each protected store's replica and its lag.
    static StatusCheck protection(const ProtectionFacts &facts, const StatusThresholds &thresholds);
    static StatusCheck storeDisk(const DiskFacts &disk, const StatusThresholds &thresholds);
    static StatusCheck storeDiskRemote(); // a PostgreSQL server's disk is not seen from here
    static StatusCheck backupDisk(const DiskFacts &disk, const StatusThresholds &thresholds);
};

} // namespace dbops
