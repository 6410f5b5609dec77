#include "ops/durablefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace dbops {

namespace {
constexpr qint64 kWritebackStep = 32 << 20;
const QLatin1String kPartialMarker(".partial-");

QByteArray encoded(const QString &path) { return QFile::encodeName(path); }
} // namespace

DurableFile::~DurableFile() { discard(); }

Error DurableFile::ioError(const QString &what, int err) const
{
    const QString why = QString::fromLocal8Bit(strerror(err));
    const QString folder = QFileInfo(m_final).absolutePath();
    if (err == ENOSPC || err == EDQUOT)
        return Error::make(ErrorCode::Io,
                           QStringLiteral("no space left in %1 (disk full) while %2 %3").arg(folder, what, m_final),
                           QStringLiteral("free space in %1 or choose another backup folder (--out); nothing was "
                                          "left behind")
                               .arg(folder),
                           why);
    if (err == EFBIG) // RLIMIT_FSIZE (ulimit -f) or the file system's largest file
        return Error::make(ErrorCode::Io,
                           QStringLiteral("file too large for %1 while %2 %3: the file size limit was reached")
                               .arg(folder, what, m_final),
                           QStringLiteral("raise the limit (ulimit -f) or choose another backup folder (--out); "
                                          "nothing was left behind"),
                           why);
    return Error::make(ErrorCode::Io, QStringLiteral("%1 %2 failed: %3").arg(what, m_final, why),
                       QStringLiteral("check that the folder exists and is writable"), why);
}

Error DurableFile::create(const QString &finalPath)
{
    discard();
    const QFileInfo info(finalPath);
    m_final = info.absoluteFilePath();
    m_written = 0;
    m_flushedUpTo = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
        m_temp = info.absolutePath() + QLatin1String("/.") + info.fileName() + kPartialMarker +
                 QString::number(getpid()) + QLatin1Char('-') + QString::number(attempt);
        m_fd = ::open(encoded(m_temp).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (m_fd >= 0) {
            ::flock(m_fd, LOCK_EX | LOCK_NB); // marks it in use for PartialFiles' sweep; gone with the process
            return {};
        }
        if (errno != EEXIST)
            return ioError(QStringLiteral("creating"), errno);
    }
    return ioError(QStringLiteral("creating"), EEXIST);
}

Error DurableFile::write(const void *data, qint64 size)
{
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, p, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return ioError(QStringLiteral("writing"), errno);
        if (n == 0)
            return ioError(QStringLiteral("writing"), ENOSPC);
        p += n;
        size -= n;
        m_written += n;
    }
    // Start writeback of what is complete, without waiting: the final fdatasync then has little left to do.
    static const bool kickWriteback = qEnvironmentVariableIntValue("DBOPS_TEST_NO_KICK") == 0;
    if (kickWriteback && m_kick && m_written - m_flushedUpTo >= kWritebackStep) {
        sync_file_range(m_fd, m_flushedUpTo, m_written - m_flushedUpTo, SYNC_FILE_RANGE_WRITE);
        m_flushedUpTo = m_written;
    }
    return {};
}

Error DurableFile::writeFromFile(int fd, qint64 offset, const void *data, qint64 size)
{
    static const bool inKernel = qEnvironmentVariableIntValue("DBOPS_NO_COPY_FILE_RANGE") == 0;
    qint64 done = 0;
    while (inKernel && done < size) {
        loff_t from = offset + done;
        const ssize_t n = copy_file_range(fd, &from, m_fd, nullptr, size_t(size - done), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == ENOSPC || errno == EDQUOT || errno == EFBIG || errno == EIO))
            return ioError(QStringLiteral("writing"), errno);
        if (n <= 0)
            break; // not supported between these files (or the source ended): write the rest from memory
        done += n;
        m_written += n;
    }
    if (done < size)
        return write(static_cast<const char *>(data) + done, size - done);
    return write(nullptr, 0); // the writeback kick
}

Error DurableFile::flushData()
{
    if (m_fd < 0)
        return Error::make(ErrorCode::Internal, QStringLiteral("%1 was not created").arg(m_final));
    if (fdatasync(m_fd) != 0)
        return ioError(QStringLiteral("flushing"), errno);
    return {};
}

Error DurableFile::commit(bool replace)
{
    if (m_fd < 0)
        return Error::make(ErrorCode::Internal, QStringLiteral("%1 was not created").arg(m_final));
    if (fdatasync(m_fd) != 0)
        return ioError(QStringLiteral("flushing"), errno);
    if (::close(m_fd) != 0) {
        m_fd = -1;
        return ioError(QStringLiteral("closing"), errno);
    }
    m_fd = -1;
    int rc;
    if (replace)
        rc = ::rename(encoded(m_temp).constData(), encoded(m_final).constData());
    else
        rc = ::renameat2(AT_FDCWD, encoded(m_temp).constData(), AT_FDCWD, encoded(m_final).constData(),
                         RENAME_NOREPLACE);
    if (rc != 0) {
        const int err = errno;
        ::unlink(encoded(m_temp).constData());
        m_temp.clear();
        return ioError(QStringLiteral("renaming into place"), err);
    }
    m_temp.clear();
    return syncDirectory(QFileInfo(m_final).absolutePath());
}

void DurableFile::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temp.isEmpty()) {
        ::unlink(encoded(m_temp).constData());
        m_temp.clear();
    }
}

Error DurableFile::writeWhole(const QString &path, const QByteArray &data, bool replace)
{
    DurableFile file;
    if (Error e = file.create(path))
        return e;
    if (Error e = file.write(data.constData(), data.size()))
        return e;
    return file.commit(replace);
}

void DurableFile::startWriteback(const QString &path)
{
    const int fd = ::open(encoded(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    ::close(fd);
}

Error DurableFile::syncDirectory(const QString &dir)
{
    const int fd = ::open(encoded(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        const int err = errno;
        if (fd >= 0)
            ::close(fd);
        return Error::make(
            ErrorCode::Io,
            QStringLiteral("cannot sync the folder %1: %2").arg(dir, QString::fromLocal8Bit(strerror(err))));
    }
    ::close(fd);
    return {};
}

bool DurableFile::isTemporaryName(const QString &fileName)
{
    return fileName.startsWith(QLatin1Char('.')) && fileName.contains(kPartialMarker);
}

} // namespace dbops
