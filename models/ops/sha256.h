#pragma once
// Streaming SHA-256 through OpenSSL's EVP interface, which uses the CPU's SHA instructions (several times
// faster than QCryptographicHash): a backup is hashed while it is copied, a verify hashes at disk speed.
#include "core/expected.h"
#include "worker/opcontrol.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace dbops {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(const void *data, size_t size);
    // Lower-case hex digest; the object is spent afterwards.
    QString finishHex();

    // Hashes a whole file in large reads; honours cancel, reports bytes.
    static Expected<QString> ofFile(const QString &path, const OpControl &control = {});

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dbops
