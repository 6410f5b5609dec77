#pragma once
// A plain file copied durably (DurableFile) and hashed while it is copied: DuckDB files in a data
// directory backup, whose writer is known to be absent.
#include "core/expected.h"
#include "worker/opcontrol.h"

namespace dbops {

struct FileCopyResult {
    qint64 bytes = 0;
    QString sha256;
};

class FileCopy {
public:
    // Copies `source` to `destination` (must not exist); nothing is left under `destination` on failure.
    // `expectedSha256` given: the copy is committed only when what was copied hashes to it (else Corrupt).
    static Expected<FileCopyResult> copy(const QString &source, const QString &destination, const OpControl &control,
                                         const QString &expectedSha256 = {});
};

} // namespace dbops
