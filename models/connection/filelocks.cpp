#include "connection/filelocks.h"

#include <QFile>

#include <limits>

#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace dbops {

namespace {

bool statOf(const QByteArray &path, struct stat *st) { return ::stat(path.constData(), st) == 0; }

} // namespace

QList<qint64> FileLocks::holders(const QString &path, qint64 offset)
{
    QList<qint64> pids;
    struct stat st {};
    if (!statOf(QFile::encodeName(path), &st))
        return pids;
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly))
        return pids;
    // "3: FLOCK  ADVISORY  WRITE 4242 08:01:1234567 0 EOF": major:minor in hex, then the inode.
    const QByteArray device = QByteArray::number(major(st.st_dev), 16).rightJustified(2, '0') + ':' +
                              QByteArray::number(minor(st.st_dev), 16).rightJustified(2, '0') + ':' +
                              QByteArray::number(qulonglong(st.st_ino));
    for (const QByteArray &line : locks.readAll().split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() < 6 || f.at(1) == "->") // "->": a process waiting for the lock, not holding it
            continue;
        if (f.at(5) != device || f.size() < 8)
            continue;
        const qint64 end = f.at(7) == "EOF" ? std::numeric_limits<qint64>::max() : f.at(7).toLongLong();
        if (offset >= 0 && (offset < f.at(6).toLongLong() || offset > end))
            continue;
        const qint64 pid = f.at(4).toLongLong();
        if (!pids.contains(pid))
            pids << pid;
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
