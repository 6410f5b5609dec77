#include "ops/pgsecret.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dbops {

namespace {

QString passfileEscape(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char(':'), QLatin1String("\\:"));
    return value;
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

qint64 bootTimeMs()
{
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : stat.readAll().split('\n'))
        if (line.startsWith("btime "))
            return line.mid(6).trimmed().toLongLong() * 1000;
    return 0;
}

// When the running dbops programs (dbops, dbops-console; any version) started, in ms since the epoch. The
// boot time is whole seconds rounded down, so a start time comes out early, never late: a leftover is kept
// rather than removed under a program that might still use it.
QList<qint64> dbopsStartTimes()
{
    QList<qint64> times;
    const qint64 boot = bootTimeMs();
    const long ticks = sysconf(_SC_CLK_TCK);
    const QString self = QString::number(getpid());
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (pid == self || !pid.front().isDigit())
            continue;
        const QString exe = QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget();
        if (!QFileInfo(exe).fileName().startsWith(QLatin1String("dbops")))
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid …": comm may hold spaces; starttime is the 20th field after it.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 19 && ticks > 0)
            times << boot + fields.at(19).toLongLong() * 1000 / ticks;
        else
            times << 0; // unknown: treat as older than any leftover
    }
    return times;
}

} // namespace

PgSecret::~PgSecret()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Error PgSecret::create(const QString &password)
{
    m_fd = int(::memfd_create("dbops-pgpass", MFD_CLOEXEC));
    if (m_fd < 0)
        return Error::make(ErrorCode::Unsupported, QStringLiteral("memfd_create is not available"));
    // libpq ignores a password file that group or others could read.
    if (::fchmod(m_fd, S_IRUSR | S_IWUSR) != 0 ||
        !writeAll(m_fd, QStringLiteral("*:*:*:*:%1\n").arg(passfileEscape(password)).toUtf8()))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot hand the password to pg_dump/pg_restore"));
    return {};
}

QString PgSecret::passFilePath() const { return QStringLiteral("/proc/self/fd/%1").arg(m_fd); }

void PgSecret::allowInheritance(int fd) { ::fcntl(fd, F_SETFD, 0); }

int PgSecret::removeLeftovers(const QString &tempDir)
{
    const QFileInfoList found = QDir(tempDir).entryInfoList({QStringLiteral("dbops-pg-??????")},
                                                            QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    if (found.isEmpty())
        return 0;
    const QList<qint64> running = dbopsStartTimes();
    int removed = 0;
    for (const QFileInfo &dir : found) {
        if (dir.isSymLink() || dir.ownerId() != ::getuid())
            continue;
        const QStringList entries =
            QDir(dir.filePath()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        if (!entries.isEmpty() && entries != QStringList{QStringLiteral("pgpass")})
            continue; // not the shape dbops made: someone else's folder
        const qint64 written = dir.lastModified().toMSecsSinceEpoch();
        if (std::any_of(running.begin(), running.end(), [&](qint64 started) { return started <= written; }))
            continue;
        if (QDir(dir.filePath()).removeRecursively())
            ++removed;
    }
    return removed;
}

} // namespace dbops
