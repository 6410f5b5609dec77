#include "schedule/joblock.h"

#include "core/paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace dbops {

QString JobLock::pathFor(const QString &job, const QString &sourceId)
{
    const QByteArray hash = QCryptographicHash::hash(sourceId.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return Paths::stateDir() + QStringLiteral("/locks/%1-%2.lock").arg(job, QString::fromLatin1(hash));
}

JobLock::JobLock(const QString &job, const QString &sourceId)
{
    const QString path = pathFor(job, sourceId);
    QDir().mkpath(QFileInfo(path).absolutePath());
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char buffer[32] = {};
        if (::pread(fd, buffer, sizeof buffer - 1, 0) > 0)
            m_holder = QByteArray(buffer).trimmed().toLongLong();
        ::close(fd);
        return;
    }
    m_fd = fd;
    const QByteArray pid = QByteArray::number(qint64(::getpid())) + '\n';
    if (::ftruncate(fd, 0) == 0 && ::pwrite(fd, pid.constData(), size_t(pid.size()), 0) < 0)
        m_holder = 0; // the pid is only for the message of whoever collides
}

JobLock::~JobLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the flock
}

} // namespace dbops
