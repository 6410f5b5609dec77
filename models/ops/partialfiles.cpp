#include "ops/partialfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dbops {

namespace {

const QLatin1String kMarker(".partial-");
constexpr qint64 kStartSlackS = 2; // a process's start time from /proc is rounded to whole seconds

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

bool sameBinaryAsOurs(qint64 pid)
{
    struct stat ours;
    struct stat theirs;
    const QByteArray exe = "/proc/" + QByteArray::number(pid) + "/exe";
    return ::stat("/proc/self/exe", &ours) == 0 && ::stat(exe.constData(), &theirs) == 0 &&
           ours.st_dev == theirs.st_dev && ours.st_ino == theirs.st_ino;
}

qint64 bootTime()
{
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : stat.readAll().split('\n'))
        if (line.startsWith("btime "))
            return line.mid(6).trimmed().toLongLong();
    return -1;
}

// When `pid` started (seconds since the epoch; -1 unknown): field 22 of /proc/PID/stat, clock ticks after boot.
// Fields are counted after the command name's closing parenthesis (the name may hold spaces).
qint64 startedAt(qint64 pid)
{
    static const qint64 boot = bootTime();
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (boot < 0 || !stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    bool ok = false;
    const qint64 ticks = line.mid(line.lastIndexOf(')') + 2).split(' ').value(19).toLongLong(&ok);
    return ok ? boot + ticks / ::sysconf(_SC_CLK_TCK) : -1;
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

bool PartialFiles::isOldScratchName(const QString &fileName)
{
    static const QRegularExpression name(QStringLiteral("^\\.dbops-at-[A-Za-z0-9]{6}$"));
    return name.match(fileName).hasMatch();
}

QString PartialFiles::oldScratchPattern() { return QStringLiteral(".dbops-at-??????"); }

bool PartialFiles::oldScratchMayBeInUse(const QDateTime &changed)
{
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || sameBinaryAsOurs(pid) || !isDbopsProgram(pid))
            continue; // this binary (this process too) never makes such a folder
        const qint64 started = startedAt(pid);
        if (started < 0 || started <= changed.toSecsSinceEpoch() + kStartSlackS)
            return true;
    }
    return false;
}

QList<PartialFile> PartialFiles::stale(const QString &dir, const QStringList &nameFilters)
{
    QList<PartialFile> found;
    const QDir d(dir);
    if (dir.isEmpty() || !d.exists())
        return found;
    const QFileInfoList entries = d.entryInfoList(
        nameFilters.isEmpty() ? QStringList{QStringLiteral(".*") + kMarker + QLatin1Char('*')} : nameFilters,
        QDir::Files | QDir::Dirs | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo &info : entries) {
        const qint64 pid = pidOf(info.fileName());
        const bool folder = info.isDir() && !info.isSymLink();
        const bool oldScratch = pid <= 0 && folder && isOldScratchName(info.fileName());
        if (oldScratch ? oldScratchMayBeInUse(info.lastModified()) : pid <= 0 || writerMayBeRunning(pid))
            continue;
        if (locked(info.absoluteFilePath(), folder))
            continue;
        found << PartialFile{info.absoluteFilePath(), pid, bytesOf(info), folder};
    }
    return found;
}

QList<PartialFile> PartialFiles::removeStale(const QString &dir, const QStringList &nameFilters)
{
    QList<PartialFile> removed;
    for (const PartialFile &p : stale(dir, nameFilters)) {
        const bool ok = p.folder ? QDir(p.path).removeRecursively() : QFile::remove(p.path);
        if (!ok) {
            spdlog::warn("could not remove the leftover {} of an interrupted run", p.path.toStdString());
            continue;
        }
        spdlog::info("removed the leftover {} ({} bytes) of an interrupted run ({})", p.path.toStdString(), p.bytes,
                     p.pid > 0 ? "pid " + std::to_string(p.pid) : std::string("an older dbops"));
        removed << p;
    }
    return removed;
}

} // namespace dbops
