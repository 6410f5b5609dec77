#include "activity/sqlitelocks.h"

#include <algorithm>

namespace dbops {

namespace {

constexpr qint64 kWalWriteLockByte = 120;   // -shm: WAL_WRITE_LOCK (lock bytes start at 120)
constexpr qint64 kPendingByte = 0x40000000; // main file: PENDING, then RESERVED, then 510 SHARED bytes
constexpr qint64 kLastSharedByte = kPendingByte + 2 + 510 - 1;

} // namespace

WriteLockSeen SqliteLocks::writeLock(const QString &path)
{
    bool readable = false;
    const QList<ProcLock> locks = FileLocks::read(&readable);
    if (!readable) {
        WriteLockSeen seen;
        seen.note = QStringLiteral("/proc/locks is not readable: the write lock was not observed");
        return seen;
    }
    return writeLock(path, locks);
}

WriteLockSeen SqliteLocks::writeLock(const QString &path, const QList<ProcLock> &locks)
{
    WriteLockSeen seen;
    seen.known = true;
    const LockedFile db = LockedFile::of(path);
    const LockedFile shm = LockedFile::of(path + QStringLiteral("-shm"));
    for (const ProcLock &l : locks) {
        // SQLite's unix VFS locks with fcntl (POSIX); a READ lock on those bytes is a reader or SHARED.
        if (!l.write || l.type != QLatin1String("POSIX"))
            continue;
        const bool writer = (shm.isLockedBy(l) && l.covers(kWalWriteLockByte, kWalWriteLockByte)) ||
                            (db.isLockedBy(l) && l.covers(kPendingByte, kLastSharedByte));
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
