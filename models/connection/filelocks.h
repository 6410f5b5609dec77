#pragma once
// Who holds a lock on a file, and who has a file open, read from /proc the way another process would see it:
// dbops never takes a lock to find out (taking one would itself block the bot, or release one of ours).
//  - holders(): every process holding a flock(2), POSIX (fcntl) or open-file-description lock on the file's
//    inode, from /proc/locks (waiters are not holders). An open-file-description lock has no PID: -1.
//  - hasOpen(): whether a process has one of the files open (its /proc/PID/fd links, by device and inode).
#include <QList>
#include <QString>
#include <QStringList>

namespace dbops {

class FileLocks {
public:
    // `offset` >= 0: only the locks whose byte range covers it.
    static QList<qint64> holders(const QString &path, qint64 offset = -1);
    static bool hasOpen(qint64 pid, const QStringList &paths);
};

} // namespace dbops
