#include "connection/filelocks.h"

#include <QFile>

#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace dbops {

namespace {

bool statOf(const QByteArray &path, struct stat *st) { return ::stat(path.constData(), st) == 0; }

} // namespace

LockedFile LockedFile::of(const QString &path)
{
    struct stat st {};
    if (!statOf(QFile::encodeName(path), &st))
        return {};
    return {true, major(st.st_dev), minor(st.st_dev), quint64(st.st_ino)};
}

bool LockedFile::isLockedBy(const ProcLock &lock) const
{
    if (!ok || lock.inode != inode)
        return false;
    // On overlayfs (containers) and btrfs subvolumes stat() reports an anonymous device (major 0) while the
    // lock table shows the underlying one: there the inode alone decides.
    return major == 0 || (lock.devMajor == major && lock.devMinor == minor);
}

QList<ProcLock> FileLocks::parse(const QByteArray &procLocks)
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

QList<ProcLock> FileLocks::read(bool *ok)
{
    QFile table(QStringLiteral("/proc/locks"));
    const bool opened = table.open(QIODevice::ReadOnly);
    if (ok)
        *ok = opened;
    return opened ? parse(table.readAll()) : QList<ProcLock>();
}

QList<qint64> FileLocks::holders(const QString &path, qint64 offset)
{
    QList<qint64> pids;
    const LockedFile file = LockedFile::of(path);
    for (const ProcLock &l : read()) {
        if (l.blocked || !file.isLockedBy(l) || (offset >= 0 && !l.covers(offset, offset)))
            continue;
        if (!pids.contains(l.pid))
            pids << l.pid;
    }
    return pids;
}

bool FileLocks::hasOpen(qint64 pid, const QStringList &paths)
{
    QList<QPair<dev_t, ino_t>> wanted;
    for (const QString &p : paths) {
        struct stat st {};
        if (statOf(QFile::encodeName(p), &st))
            wanted.append({st.st_dev, st.st_ino});
    }
    if (pid <= 0 || wanted.isEmpty())
        return false;
    const QByteArray dir = "/proc/" + QByteArray::number(pid) + "/fd";
    DIR *fds = ::opendir(dir.constData());
    if (!fds)
        return false;
    bool found = false;
    while (dirent *entry = ::readdir(fds)) {
        if (entry->d_name[0] == '.')
            continue;
        struct stat st {};
        if (statOf(dir + '/' + entry->d_name, &st) && wanted.contains(qMakePair(st.st_dev, st.st_ino))) {
            found = true;
            break;
        }
    }
    ::closedir(fds);
    return found;
}

} // namespace dbops
