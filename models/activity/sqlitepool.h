#pragma once
// SQLite has no server to ask who is connected, so the "pool" view shows what matters instead: processes
// holding the database or its -wal/-shm, whether a write lock is held right now (BEGIN IMMEDIATE with zero
// timeout on a throwaway connection, rolled back at once), WAL size and frames, a PASSIVE checkpoint's
// (busy, log, checkpointed) to spot checkpoint starvation, and *.lock files with live or stale PIDs.
#include "activity/pooloptions.h"
#include "activity/procscan.h"
#include "connection/storediscovery.h"
#include "connection/target.h"
#include "item/itemroles.h"

#include <QJsonObject>

namespace dbops {

struct SqliteCheckpoint {
    bool ran = false;
    bool busy = false;     // a reader or writer kept it from finishing
    int logFrames = -1;    // frames in the WAL
    int checkpointed = -1; // of those, copied back into the database
    QString note;          // why it did not run
};

struct SqlitePool {
    QString path;
    QString journalMode;
    qint64 pageSize = 0;
    qint64 walBytes = 0;
    qint64 walFrames = 0; // from the -wal file's size (frames written since the WAL was last reset)
    enum class WriteLock { Free, Held, Unknown };
    WriteLock writeLock = WriteLock::Unknown;
    QString writeLockNote;
    double lockProbeMs = 0; // how long the write-lock probe took (open, BEGIN IMMEDIATE, ROLLBACK)
    SqliteCheckpoint checkpoint;
    HolderScan holders;
    QList<DiscoveredItem> lockFiles;
    QStringList findings; // what deserves attention, one sentence each
    Severity severity = Severity::Good;

    static QString writeLockName(WriteLock lock); // "free" | "held" | "unknown"
    QJsonObject toJson() const;
};

class SqlitePoolProbe {
public:
    // One database file; `lockFiles` found by the caller (the data directory's scan) or, when empty, beside it.
    static SqlitePool probe(const QString &path, const PoolOptions &options);
    static SqlitePool probe(const QString &path, const PoolOptions &options, const QList<DiscoveredItem> &lockFiles);
    // WAL frames above which a checkpoint that cannot finish is starvation (~4 MiB of 4 KiB pages, 4x the
    // default auto-checkpoint).
    static constexpr int StarvationFrames = 4000;
};

} // namespace dbops
