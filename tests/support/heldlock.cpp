#include "heldlock.h"

#include <QByteArray>
#include <QFile>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace dbops::test {

HeldLock::HeldLock(const QString &path, qint64 pid)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    const QByteArray text = QByteArray::number(pid > 0 ? pid : qint64(::getpid())) + '\n';
    if (::write(fd, text.constData(), size_t(text.size())) != text.size() || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return;
    }
    m_fd = fd;
}

HeldLock::~HeldLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the flock
}

} // namespace dbops::test
