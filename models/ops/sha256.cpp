#include "ops/sha256.h"

#include <QFile>
#include <openssl/evp.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace dbops {

struct Sha256::Impl {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ~Impl() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : d(std::make_unique<Impl>()) { EVP_DigestInit_ex(d->ctx, EVP_sha256(), nullptr); }
Sha256::~Sha256() = default;

void Sha256::update(const void *data, size_t size) { EVP_DigestUpdate(d->ctx, data, size); }

QString Sha256::finishHex()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(d->ctx, digest, &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

Expected<QString> Sha256::ofFile(const QString &path, const OpControl &control)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error::make(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                           QStringLiteral("cannot read %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno))));
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    const qint64 total = lseek(fd, 0, SEEK_END);
    lseek(fd, 0, SEEK_SET);
    std::vector<char> buffer(4 << 20);
    Sha256 hash;
    qint64 done = 0;
    for (;;) {
        if (control.cancelled()) {
            ::close(fd);
            return Error::make(ErrorCode::Cancelled, QStringLiteral("cancelled while hashing %1").arg(path));
        }
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const QString why = QString::fromLocal8Bit(strerror(errno));
            ::close(fd);
            return Error::make(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, why));
        }
        if (n == 0)
            break;
        hash.update(buffer.data(), size_t(n));
        done += n;
        control.report(done, total, QStringLiteral("checksum"));
    }
    ::close(fd);
    return hash.finishHex();
}

} // namespace dbops
