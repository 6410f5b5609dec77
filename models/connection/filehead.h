#pragma once
// The first bytes of a file that may be a live SQLite database, read without ever dropping this process's
// POSIX locks on it.
//
// POSIX drops every fcntl lock a process holds on a file as soon as the process closes *any* descriptor on that
// file ("How To Corrupt An SQLite Database File", section 2.2). A QFile header read on trading.db, or worse on
// trading.db-shm, from any thread of the console would silently release the locks of the console's own SQLite
// connections — including a restore's WAL write lock — and let the bot write into the same WAL at the same
// time. So:
//  - a store's header is read through SQLite's own VFS (xOpen/xRead/xClose), whose close keeps the descriptor
//    open while another connection of this process holds a lock on the same inode;
//  - the side files (-wal, -shm, -journal) are never opened by dbops code at all: sizes come from stat().
#include <QByteArray>
#include <QString>

namespace dbops {

class FileHead {
public:
    // Up to `bytes` bytes from the start of `path` (fewer when the file is shorter); empty when it cannot be
    // read (then *error, when given, says why).
    static QByteArray read(const QString &path, qint64 bytes, QString *error = nullptr);
    // "X-wal", "X-shm", "X-journal": SQLite's side files, never a store of their own and never to be opened.
    static bool isSqliteSideFile(const QString &fileName);
};

} // namespace dbops
