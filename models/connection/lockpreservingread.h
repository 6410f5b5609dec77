#pragma once
// The first bytes of a database file, read without dropping this process's SQLite locks on it. POSIX locks
// belong to the process: a close() of any descriptor on the file releases every lock the process holds there,
// the ones its SQLite connections hold included (SQLite's "How To Corrupt" §2.2). Reading through SQLite's
// own unix VFS shares its per-file bookkeeping: while a connection of this process holds a lock on the file,
// the descriptor's close is deferred until that lock is released.
// Not for -wal, -shm or -journal files: SQLite keeps no such bookkeeping for them (callers skip them).
#include <QByteArray>
#include <QString>

namespace dbops {

struct HeadRead {
    bool ok = false;
    QByteArray bytes; // up to the asked count (fewer for a shorter file)
    QString error;    // why it could not be read
};

class LockPreservingRead {
public:
    static HeadRead head(const QString &path, int bytes);
    // "trading.db-wal", "x.sqlite-shm", "y.db-journal": SQLite side files, never a store.
    static bool isSideFile(const QString &path);
};

} // namespace dbops
