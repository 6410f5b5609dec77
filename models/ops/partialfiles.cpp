#include "ops/partialfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <unistd.h>

namespace dbops {

namespace {

const QLatin1String kMarker(".partial-");

QString exeOf(qint64 pid)
{
    char buffer[4096];
    const QByteArray link = "/proc/" + QByteArray::number(pid) + "/exe";
    const ssize_t n = ::readlink(link.constData(), buffer, sizeof buffer - 1);
    if (n <= 0)
        return {};
    QString path = QString::fromLocal8Bit(buffer, int(n));
    if (path.endsWith(QLatin1String(" (deleted)"))) // a binary replaced by an upgrade while it runs
        path.chop(10);
    return path;
}

// argv[0] of `pid`, readable where /proc/PID/exe is not (another user's process).
QString argv0Of(qint64 pid)
{
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!cmdline.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLocal8Bit(cmdline.read(4096).split('\0').value(0));
}

bool isDbopsProgram(qint64 pid)
{
    QString program = exeOf(pid);
    if (!program.isEmpty() && program == exeOf(::getpid()))
        return true;
    if (program.isEmpty())
        program = argv0Of(pid);
    return QFileInfo(program).fileName().startsWith(QLatin1String("dbops"));
}

qint64 bytesOf(const QFileInfo &info)
{
    if (!info.isDir() || info.isSymLink())
        return info.size();
    qint64 total = 0;
    QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

} // namespace

qint64 PartialFiles::pidOf(const QString &fileName)
{
    const int at = int(fileName.lastIndexOf(kMarker));
    if (!fileName.startsWith(QLatin1Char('.')) || at <= 0)
        return -1;
    const QStringList parts = fileName.mid(at + kMarker.size()).split(QLatin1Char('-'));
    if (parts.size() > 2)
        return -1;
    bool pidOk = false, attemptOk = parts.size() == 1;
    const qint64 pid = parts.value(0).toLongLong(&pidOk);
    if (parts.size() == 2)
        parts.value(1).toUInt(&attemptOk);
    return pidOk && attemptOk && pid > 0 ? pid : -1;
}

bool PartialFiles::writerMayBeRunning(qint64 pid)
{
    if (pid == ::getpid())
        return true; // this process (the GUI runs several jobs) may be writing it now
    const bool alive = ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
    return alive && isDbopsProgram(pid);
}

bool PartialFiles::locked(const QString &path, bool folder)
{
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (folder ? O_DIRECTORY : 0));
    if (fd < 0)
        return false;
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd); // releases our flock, if we got it
    return held;
}

QList<PartialFile> PartialFiles::stale(const QString &dir, const QString &nameFilter)
{
    QList<PartialFile> found;
    const QDir d(dir);
    if (dir.isEmpty() || !d.exists())
        return found;
    const QFileInfoList entries =
        d.entryInfoList({nameFilter.isEmpty() ? QStringLiteral(".*") + kMarker + QLatin1Char('*') : nameFilter},
                        QDir::Files | QDir::Dirs | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo &info : entries) {
        const qint64 pid = pidOf(info.fileName());
        if (pid <= 0 || writerMayBeRunning(pid))
            continue;
        const bool folder = info.isDir() && !info.isSymLink();
        if (locked(info.absoluteFilePath(), folder))
            continue;
        found << PartialFile{info.absoluteFilePath(), pid, bytesOf(info), folder};
    }
    return found;
}

QList<PartialFile> PartialFiles::removeStale(const QString &dir, const QString &nameFilter)
{
    QList<PartialFile> removed;
    for (const PartialFile &p : stale(dir, nameFilter)) {
        const bool ok = p.folder ? QDir(p.path).removeRecursively() : QFile::remove(p.path);
        if (!ok) {
            spdlog::warn("could not remove the leftover {} of an interrupted run", p.path.toStdString());
            continue;
        }
        spdlog::info("removed the leftover {} ({} bytes) of an interrupted run (pid {})", p.path.toStdString(), p.bytes,
                     p.pid);
        removed << p;
    }
    return removed;
}

} // namespace dbops
