#include "activity/walindex.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <sqlite3.h>

namespace dbops {

namespace {

// The WAL-index layout (SQLite's walformat): two copies of a 48-byte header, then the checkpoint info, all
// in the host's byte order.
constexpr int kRegionBytes = 32768;
constexpr int kHeaderBytes = 48;
constexpr int kVersionOffset = 0;
constexpr int kIsInitOffset = 12;
constexpr int kMxFrameOffset = 16;
constexpr int kBackfillOffset = 96;
constexpr quint32 kWalIndexVersion = 3007000;
constexpr int kAttempts = 100; // a writer updating the header between our two reads: read again

quint32 u32At(const unsigned char *p, int offset)
{
    quint32 v = 0;
    std::memcpy(&v, p + offset, sizeof v);
    return v;
}

} // namespace

WalIndexHeader WalIndex::read(sqlite3 *db)
{
    WalIndexHeader h;
    sqlite3_file *file = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file || !file->pMethods ||
        file->pMethods->iVersion < 2 || !file->pMethods->xShmMap) {
        h.note = QStringLiteral("the WAL index is not reachable through this SQLite build");
        return h;
    }
    void volatile *region = nullptr;
    if (file->pMethods->xShmMap(file, 0, kRegionBytes, 0, &region) != SQLITE_OK || !region) {
        h.note = QStringLiteral("the WAL index (-shm) is not mapped");
        return h;
    }
    const auto *shm = const_cast<const unsigned char *>(static_cast<volatile unsigned char *>(region));
    unsigned char first[kHeaderBytes];
    unsigned char second[kHeaderBytes];
    for (int i = 0; i < kAttempts; ++i) {
        // The same order as SQLite's readers: copy 1, a barrier, copy 2; equal copies are a consistent header.
        std::memcpy(first, shm, kHeaderBytes);
        std::atomic_thread_fence(std::memory_order_seq_cst);
        std::memcpy(second, shm + kHeaderBytes, kHeaderBytes);
        const quint32 backfilled = u32At(shm, kBackfillOffset);
        if (std::memcmp(first, second, kHeaderBytes) != 0 || first[kIsInitOffset] != 1)
            continue;
        if (u32At(first, kVersionOffset) != kWalIndexVersion) {
            h.note = QStringLiteral("unknown WAL index version %1").arg(u32At(first, kVersionOffset));
            return h;
        }
        h.read = true;
        h.frames = u32At(first, kMxFrameOffset);
        h.backfilled = std::min<qint64>(backfilled, h.frames); // read just after: a reset may be under way
        return h;
    }
    h.note = QStringLiteral("the WAL index header kept changing or is not initialised");
    return h;
}

} // namespace dbops
