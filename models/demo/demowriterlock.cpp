#include "demo/demowriterlock.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <cerrno>
#ifdef Q_OS_UNIX
#include <signal.h>
#endif

namespace dbops {

bool DemoWriterLock::isProcessAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
#ifdef Q_OS_UNIX
    // Signal 0 checks for existence only; EPERM means it exists but is someone else's.
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
#else
    return false;
#endif
}

qint64 DemoWriterLock::readPid(const QString &lockPath)
{
    QFile file(lockPath);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    bool ok = false;
    const qint64 pid = file.read(64).trimmed().toLongLong(&ok);
    return ok && pid > 0 ? pid : 0;
}

Error DemoWriterLock::writePid(const QString &lockPath, qint64 pid)
{
    QSaveFile file(lockPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(pid)) < 0 || !file.commit())
        return Error::make(ErrorCode::Io,
                           QStringLiteral("cannot write the writer lock %1: %2").arg(lockPath, file.errorString()),
                           QStringLiteral("check that the store's folder is writable"));
    return {};
}

Error DemoWriterLock::acquire(const QString &lockPath, qint64 *stalePid)
{
    if (stalePid)
        *stalePid = 0;
    const qint64 own = QCoreApplication::applicationPid();
    const qint64 holder = readPid(lockPath);
    if (holder > 0 && isProcessAlive(holder))
        return Error::make(
            ErrorCode::Refused, QStringLiteral("%1 is held by a running writer (PID %2)").arg(lockPath).arg(holder),
            holder == own ? QStringLiteral("this process already writes the store")
                          : QStringLiteral("stop that writer first; two writers corrupt the bot's state"));
    if (QFile::exists(lockPath) && !QFile::remove(lockPath))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot remove the stale writer lock %1").arg(lockPath),
                           QStringLiteral("check that the store's folder is writable"));
    // Created exclusively, so of two writers starting at once only one gets the lock.
    QFile file(lockPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        if (QFile::exists(lockPath))
            return Error::make(ErrorCode::Refused,
                               QStringLiteral("%1 was taken by another writer just now").arg(lockPath),
                               QStringLiteral("stop the other writer first"));
        return Error::make(ErrorCode::Io,
                           QStringLiteral("cannot create the writer lock %1: %2").arg(lockPath, file.errorString()),
                           QStringLiteral("check that the store's folder is writable"));
    }
    if (file.write(QByteArray::number(own)) < 0 || !file.flush())
        return Error::make(ErrorCode::Io,
                           QStringLiteral("cannot write the writer lock %1: %2").arg(lockPath, file.errorString()),
                           QStringLiteral("check free space and permissions in the store's folder"));
    if (holder > 0 && stalePid)
        *stalePid = holder;
    m_path = lockPath;
    return {};
}

void DemoWriterLock::release()
{
    if (m_path.isEmpty())
        return;
    if (readPid(m_path) == QCoreApplication::applicationPid())
        QFile::remove(m_path);
    m_path.clear();
}

} // namespace dbops
