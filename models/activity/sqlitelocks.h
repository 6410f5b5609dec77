#pragma once
// Who holds an SQLite store's write lock, seen from outside: the kernel's table of POSIX locks (/proc/locks),
// matched to the store's files by inode. Nothing is opened or locked on the store, so the bot's writer never
// meets the console as a lock holder (monitoring must not write; see README "Monitoring only reads").
// SQLite's write locks are byte-range fcntl locks: in WAL mode an exclusive lock on byte 120 of the -shm
// (WAL_WRITE_LOCK); in rollback-journal mode a write lock on the main file's PENDING, RESERVED or SHARED bytes
// (0x40000000 onwards).
#include "connection/filelocks.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace dbops {

struct WriteLockSeen {
    bool known = false;    // /proc/locks was readable
    QList<qint64> pids;    // processes holding the write lock now (this one included)
    QList<qint64> waiters; // processes blocked waiting for it (a blocking fcntl; SQLite itself polls)
    QString note;          // why it is not known
};

class SqliteLocks {
public:
    // The write lock of the database at `path` (its -shm when there is one). Reads /proc/locks only.
    static WriteLockSeen writeLock(const QString &path);
    static WriteLockSeen writeLock(const QString &path, const QList<ProcLock> &locks);
};

// "Seen held for": the same holder across samples (the Activity monitor's refreshes). Not thread-safe; one
// instance per monitor, used on its worker thread.
class WriteLockWatch {
public:
    // Records who holds the lock of `path` at `at`; returns how long (ms) the same holder has been seen
    // holding it, 0 when first seen, -1 when nobody holds it.
    qint64 observe(const QString &path, const QList<qint64> &pids, const QDateTime &at);

private:
    struct Since {
        QList<qint64> pids;
        QDateTime at;
    };
    QHash<QString, Since> m_since;
};

} // namespace dbops
