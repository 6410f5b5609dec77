#pragma once
// Who holds a lock on a file, and who has a file open, read from /proc the way another process would see it:
// dbops never takes a lock to find out (taking one would itself block the bot, or release one of ours).
//  - parse()/read(): the lines of /proc/locks (flock, POSIX and open-file-description locks; waiters marked).
//  - holders(): every process holding a lock on the file's inode (waiters are not holders). An
//    open-file-description lock has no PID: -1.
//  - hasOpen(): whether a process has one of the files open (its /proc/PID/fd links, by device and inode).
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace dbops {

struct ProcLock {
    qint64 pid = 0;
    bool write = false;   // WRITE (exclusive) rather than READ
    bool blocked = false; // a waiter ("->"), not a holder
    QString type;         // POSIX | FLOCK | OFDLCK | ...
    quint32 devMajor = 0;
    quint32 devMinor = 0;
    quint64 inode = 0;
    qint64 start = 0;
    qint64 end = -1; // -1: to the end of the file (EOF)

    bool covers(qint64 from, qint64 to) const { return start <= to && (end < 0 || end >= from); }
};

// A file as /proc/locks names it, from stat() (which opens nothing: a descriptor opened and closed here would drop
// this process's own SQLite locks on the file).
struct LockedFile {
    bool ok = false;
    quint32 major = 0;
    quint32 minor = 0;
    quint64 inode = 0;

    static LockedFile of(const QString &path);
    bool isLockedBy(const ProcLock &lock) const;
};

class FileLocks {
public:
    static QList<ProcLock> parse(const QByteArray &procLocks);
    // /proc/locks now; false in *ok when it cannot be read.
    static QList<ProcLock> read(bool *ok = nullptr);
    // `offset` >= 0: only the locks whose byte range covers it.
    static QList<qint64> holders(const QString &path, qint64 offset = -1);
    static bool hasOpen(qint64 pid, const QStringList &paths);
};

} // namespace dbops
