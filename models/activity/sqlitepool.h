#pragma once
// SQLite has no server to ask who is connected, so the "pool" view shows what matters instead: processes
// holding the database or its -wal/-shm, who holds the write lock right now (seen in /proc/locks, never
// taken), WAL size and frames and how many are checkpointed (the WAL-index header, read on a read-only
// connection) to spot checkpoint starvation, and *.lock files with live or stale PIDs. None of it writes to
// the store, its -wal or -journal.
// Active probes, only when asked for (PoolOptions::activeProbes): a write-lock probe (BEGIN IMMEDIATE with
// zero timeout, rolled back at once) and a PASSIVE checkpoint. Both WRITE: the checkpoint folds the WAL into
// the database file, and the probe makes the bot's writer meet a foreign lock holder.
#include "activity/pooloptions.h"
#include "activity/procscan.h"
#include "connection/storediscovery.h"
#include "connection/target.h"
#include "core/severity.h"

#include <QJsonObject>

namespace dbops {

struct SqliteCheckpoint {
    bool ran = false;      // an active probe ran a PASSIVE checkpoint
    bool busy = false;     // a reader or writer kept it from finishing
    int logFrames = -1;    // frames in the WAL
    int checkpointed = -1; // of those, copied back into the database
    QString source;        // where the two figures come from: "wal_index" | "checkpoint" | "" (not known)
    QString note;          // why it did not run
};

struct SqlitePool {
    QString path;
    QString journalMode;    // empty when the store could not be read (readError)
    QString readError;      // why a read-only connection could not read it (another process's exclusive lock…)
    bool lockedOut = false; // that reason is a lock: no other connection of any process reads the store now
    qint64 pageSize = 0;
    qint64 walBytes = 0;
    qint64 walFrames = 0; // from the -wal file's size (frames written since the WAL was last reset)
    enum class WriteLock { Free, Held, Unknown };
    WriteLock writeLock = WriteLock::Unknown;
    QString writeLockNote;
    QList<qint64> writeLockPids; // who holds it (from /proc/locks; this process included)
    qint64 writeLockHeldMs = -1; // the same holder seen holding it this long (the Activity monitor); -1: not tracked
    bool activeProbes = false;   // the write-lock probe and the checkpoint ran: they wrote to the store
    double lockProbeMs = 0;      // active probe: how long it took (open, BEGIN IMMEDIATE, ROLLBACK)
    SqliteCheckpoint checkpoint;
    HolderScan holders;
    QList<DiscoveredItem> lockFiles;
    QStringList findings; // what deserves attention, one sentence each
    Severity severity = Severity::Good;

    static QString writeLockName(WriteLock lock); // "free" | "held" | "unknown"
    // "held by pid 4242 (python3), seen held for 12 s" / "free" / "unknown: why".
    QString writeLockText() const;
    QJsonObject toJson() const;
};

class SqlitePoolProbe {
public:
    // One database file; `lockFiles` found by the caller (the data directory's scan) or, when empty, beside it.
    static SqlitePool probe(const QString &path, const PoolOptions &options);
    static SqlitePool probe(const QString &path, const PoolOptions &options, const QList<DiscoveredItem> &lockFiles);
    // WAL frames not yet checkpointed above which checkpoints are starved (~4 MiB of 4 KiB pages, 4x the
    // default auto-checkpoint).
    static constexpr int StarvationFrames = 4000;
};

} // namespace dbops
