#include "activity/sqlitelocks.h"

#include <QFile>
#include <algorithm>

#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace dbops {

namespace {

constexpr qint64 kWalWriteLockByte = 120;   // -shm: WAL_WRITE_LOCK (lock bytes start at 120)
constexpr qint64 kPendingByte = 0x40000000; // main file: PENDING, then RESERVED, then 510 SHARED bytes
constexpr qint64 kLastSharedByte = kPendingByte + 2 + 510 - 1;

struct FileId {
    bool ok = false;
    quint32 major = 0;
    quint32 minor = 0;
    quint64 inode = 0;
};

// stat() opens nothing: a descriptor opened and closed here would drop this process's own SQLite locks on the
// file (POSIX locks belong to the process, and any close() releases them).
FileId fileId(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    return {true, major(st.st_dev), minor(st.st_dev), quint64(st.st_ino)};
}

bool sameFile(const ProcLock &lock, const FileId &file)
{
    if (!file.ok || lock.inode != file.inode)
        return false;
    // On overlayfs (containers) and btrfs subvolumes stat() reports an anonymous device (major 0) while the
    // lock table shows the underlying one: there the inode alone decides.
    return file.major == 0 || (lock.devMajor == file.major && lock.devMinor == file.minor);
}

bool covers(const ProcLock &lock, qint64 from, qint64 to)
{
    return lock.start <= to && (lock.end < 0 || lock.end >= from);
}

} // namespace

QList<ProcLock> SqliteLocks::parse(const QByteArray &procLocks)
{
    QList<ProcLock> locks;
    for (const QByteArray &line : procLocks.split('\n')) {
        const QList<QByteArray> t = line.simplified().split(' ');
        int i = 1; // t[0] is the "N:" ordinal
        ProcLock lock;
        if (t.size() > i && t[i] == "->") {
            lock.blocked = true;
            ++i;
        }
        if (t.size() < i + 7)
            continue;
        const QList<QByteArray> dev = t[i + 4].split(':');
        bool pidOk = false, startOk = false;
        lock.type = QString::fromLatin1(t[i]);
        lock.write = t[i + 2] == "WRITE";
        lock.pid = t[i + 3].toLongLong(&pidOk);
        lock.start = t[i + 5].toLongLong(&startOk);
        lock.end = t[i + 6] == "EOF" ? -1 : t[i + 6].toLongLong();
        if (!pidOk || !startOk || dev.size() != 3)
            continue;
        lock.devMajor = dev[0].toUInt(nullptr, 16);
        lock.devMinor = dev[1].toUInt(nullptr, 16);
        lock.inode = dev[2].toULongLong();
        locks << lock;
    }
    return locks;
}

WriteLockSeen SqliteLocks::writeLock(const QString &path)
{
    QFile table(QStringLiteral("/proc/locks"));
    if (!table.open(QIODevice::ReadOnly)) {
        WriteLockSeen seen;
        seen.note = QStringLiteral("/proc/locks is not readable: the write lock was not observed");
        return seen;
    }
    return writeLock(path, parse(table.readAll()));
}

WriteLockSeen SqliteLocks::writeLock(const QString &path, const QList<ProcLock> &locks)
{
    WriteLockSeen seen;
    seen.known = true;
    const FileId db = fileId(path);
    const FileId shm = fileId(path + QStringLiteral("-shm"));
    for (const ProcLock &l : locks) {
        // SQLite's unix VFS locks with fcntl (POSIX); a READ lock on those bytes is a reader or SHARED.
        if (!l.write || l.type != QLatin1String("POSIX"))
            continue;
        const bool writer = (sameFile(l, shm) && covers(l, kWalWriteLockByte, kWalWriteLockByte)) ||
                            (sameFile(l, db) && covers(l, kPendingByte, kLastSharedByte));
        QList<qint64> &into = l.blocked ? seen.waiters : seen.pids;
        if (writer && !into.contains(l.pid))
            into << l.pid;
    }
    std::sort(seen.pids.begin(), seen.pids.end());
    std::sort(seen.waiters.begin(), seen.waiters.end());
    return seen;
}

qint64 WriteLockWatch::observe(const QString &path, const QList<qint64> &pids, const QDateTime &at)
{
    if (pids.isEmpty()) {
        m_since.remove(path);
        return -1;
    }
    const auto it = m_since.constFind(path);
    if (it == m_since.cend() || it->pids != pids) {
        m_since.insert(path, Since{pids, at});
        return 0;
    }
    return std::max<qint64>(0, it->at.msecsTo(at));
}

} // namespace dbops
