#include "ops/filecopy.h"

#include "ops/durablefile.h"
#include "ops/hashpipe.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dbops {

namespace {
constexpr size_t kChunk = 4 << 20;

Error readError(const QString &path, int err)
{
    return Error::make(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                       QStringLiteral("cannot read %1: %2").arg(path, QString::fromLocal8Bit(strerror(err))));
}
} // namespace

Expected<FileCopyResult> FileCopy::copy(const QString &source, const QString &destination, const OpControl &control,
                                        const QString &expectedSha256)
{
    const int fd = ::open(QFile::encodeName(source).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return readError(source, errno);
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    struct stat before {};
    if (fstat(fd, &before) != 0) {
        const int err = errno;
        ::close(fd);
        return readError(source, err);
    }
    const qint64 total = lseek(fd, 0, SEEK_END);
    lseek(fd, 0, SEEK_SET);
    DurableFile out;
    if (Error e = out.create(destination)) {
        ::close(fd);
        return e;
    }
    const size_t chunk = size_t(std::clamp<qint64>(total, 1, qint64(kChunk))); // small files, small buffers
    HashPipe pipe(3, chunk);
    Error failure;
    for (;;) {
        if (control.cancelled()) {
            failure = Error::make(ErrorCode::Cancelled, QStringLiteral("copy of %1 cancelled").arg(source));
            break;
        }
        unsigned char *buffer = pipe.acquire();
        size_t filled = 0;
        while (filled < chunk) {
            const ssize_t n = ::read(fd, buffer + filled, chunk - filled);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                failure = readError(source, errno);
                break;
            }
            if (n == 0)
                break;
            filled += size_t(n);
        }
        if (failure || filled == 0)
            break;
        pipe.submit(buffer, filled);
        // The same range copied file to file by the kernel (cheaper than writing the buffer back); the fstat
        // comparison below proves both reads saw the same bytes.
        if ((failure = out.writeFromFile(fd, out.written(), buffer, qint64(filled))))
            break;
        control.report(out.written(), total, QStringLiteral("copying %1").arg(source.section(QLatin1Char('/'), -1)));
    }
    struct stat after {};
    const bool unchanged =
        fstat(fd, &after) == 0 && after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec &&
        after.st_mtim.tv_nsec == before.st_mtim.tv_nsec && after.st_ctim.tv_sec == before.st_ctim.tv_sec &&
        after.st_ctim.tv_nsec == before.st_ctim.tv_nsec;
    ::close(fd);
    const QString sha = pipe.finish();
    if (failure)
        return failure;
    if (!unchanged)
        return Error::make(
            ErrorCode::Busy, QStringLiteral("%1 changed while it was copied").arg(source),
            QStringLiteral("nothing was written to %1; retry when nothing writes to it").arg(destination));
    if (!expectedSha256.isEmpty() && sha != expectedSha256)
        return Error::make(ErrorCode::Corrupt,
                           QStringLiteral("%1 changed while it was copied: its SHA-256 is now %2, expected %3")
                               .arg(source, sha, expectedSha256),
                           QStringLiteral("nothing was written to %1; verify the backup again").arg(destination));
    if (Error e = out.commit())
        return e;
    return FileCopyResult{out.written(), sha};
}

} // namespace dbops
