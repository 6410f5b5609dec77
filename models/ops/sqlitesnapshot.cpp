#include "ops/sqlitesnapshot.h"

#include "connection/connector.h"
#include "connection/sqlitehandle.h"
#include "dialect/sqltext.h"
#include "ops/btreecounter.h"
#include "ops/copyquickcheck.h"
#include "ops/durablefile.h"
#include "ops/hashpipe.h"
#include "ops/sqlitestoreinfo.h"

#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <memory>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <thread>

namespace dbops {

namespace {

constexpr int kWalIndexRegion = 32768; // WALINDEX_PGSZ: the wal-index is mapped in regions of this size
constexpr int kHeaderBytes = 48;       // one copy of the wal-index header (walformat.html)
constexpr int kBackfillOffset = 96;    // WalCkptInfo.nBackfill follows the two header copies
constexpr int kPinAttempts = 400;
constexpr size_t kChunkBytes = 4 << 20;
constexpr qint64 kMapBytes = qint64(1) << 40; // PRAGMA mmap_size asked for; SQLite caps it (2 GiB by default)
// DBOPS_SNAPSHOT_NO_MAP=1: every chunk through a buffer (the path taken anyway past SQLite's mmap limit).
const bool kUseMap = qEnvironmentVariableIntValue("DBOPS_SNAPSHOT_NO_MAP") == 0;

inline quint32 be32(const unsigned char *p)
{
    return quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | p[3];
}

struct IndexHeader {
    unsigned char bytes[kHeaderBytes];
    quint32 mxFrame() const
    {
        quint32 v;
        memcpy(&v, bytes + 16, 4);
        return v;
    }
    quint32 nPage() const
    {
        quint32 v;
        memcpy(&v, bytes + 20, 4);
        return v;
    }
    const unsigned char *salt() const { return bytes + 32; }
};

Error internal(const QString &source, const QString &what)
{
    return Error::make(ErrorCode::Internal, QStringLiteral("cannot take a snapshot of %1: %2").arg(source, what),
                       QStringLiteral("retry; if it persists, use `sqlite3 FILE \".backup COPY\"` and report it"));
}

// The wal-index header as the last committed writer left it: both copies equal and initialised
// (the same test SQLite's own readers make). False while a writer is updating it.
bool readIndexHeader(sqlite3_file *file, IndexHeader *out)
{
    if (!file->pMethods || file->pMethods->iVersion < 2 || !file->pMethods->xShmMap)
        return false;
    void volatile *region = nullptr;
    if (file->pMethods->xShmMap(file, 0, kWalIndexRegion, 0, &region) != SQLITE_OK || !region)
        return false;
    const volatile unsigned char *shm = static_cast<const volatile unsigned char *>(region);
    unsigned char second[kHeaderBytes];
    for (int i = 0; i < kHeaderBytes; ++i)
        out->bytes[i] = shm[i];
    std::atomic_thread_fence(std::memory_order_seq_cst);
    for (int i = 0; i < kHeaderBytes; ++i)
        second[i] = shm[kHeaderBytes + i];
    return memcmp(out->bytes, second, kHeaderBytes) == 0 && out->bytes[12] == 1;
}

// Frames of the current WAL already copied into the main file (WalCkptInfo.nBackfill); 0 when unknown.
quint32 readBackfill(sqlite3_file *file)
{
    void volatile *region = nullptr;
    if (file->pMethods->xShmMap(file, 0, kWalIndexRegion, 0, &region) != SQLITE_OK || !region)
        return 0;
    std::atomic_thread_fence(std::memory_order_seq_cst);
    quint32 v;
    memcpy(&v, const_cast<const unsigned char *>(static_cast<const volatile unsigned char *>(region)) + kBackfillOffset,
           4);
    return v;
}

// Opens a read transaction whose snapshot is known exactly: the wal-index header did not change while the
// transaction began, so the snapshot ends at that header's mxFrame.
Expected<IndexHeader> pinWalSnapshot(SqliteHandle &db, sqlite3_file *file, int *attempts)
{
    IndexHeader before, after;
    for (int attempt = 1; attempt <= kPinAttempts; ++attempt) {
        *attempts = attempt;
        const bool stable = readIndexHeader(file, &before);
        if (Error e = db.exec(SqlText::sqlite("common", "begin")))
            return e;
        auto probe = db.scalar(SqlText::sqlite("common", "read_schema"));
        if (!probe) {
            db.exec(SqlText::sqlite("common", "rollback"));
            return probe.error();
        }
        // Read between the two header reads: an unchanged header proves it is from the snapshot's WAL.
        const quint32 backfill = readBackfill(file);
        if (stable && readIndexHeader(file, &after) && memcmp(before.bytes, after.bytes, kHeaderBytes) == 0) {
            // When every frame of the snapshot is already in the main file, SQLite may have begun the read
            // on read-mark 0 ("ignore the WAL"), which does not stop a writer from restarting the WAL and
            // overwriting its frames. The main file alone is the snapshot then (nBackfill only grows within
            // one WAL generation), and no checkpoint can write into it while the read lasts.
            if (backfill >= before.mxFrame())
                memset(before.bytes + 16, 0, 4); // mxFrame = 0: take no page from the WAL
            return before;
        }
        db.exec(SqlText::sqlite("common", "rollback"));
        std::this_thread::sleep_for(std::chrono::microseconds(200 * (attempt % 8)));
    }
    return Error::make(ErrorCode::Busy,
                       QStringLiteral("cannot pin a snapshot of %1: it changed during each of %2 attempts")
                           .arg(db.path())
                           .arg(kPinAttempts),
                       QStringLiteral("retry when the writer is less busy"));
}

// Page number -> file offset of its newest frame <= mxFrame.
Expected<std::map<quint32, qint64>> walOverlay(sqlite3_file *wal, const IndexHeader &header, int pageSize,
                                               quint32 pageCount, const QString &source)
{
    std::map<quint32, qint64> overlay;
    const quint32 frames = header.mxFrame();
    if (frames == 0)
        return overlay;
    if (!wal || !wal->pMethods)
        return internal(source, QStringLiteral("the WAL file is not open"));
    unsigned char walHeader[32];
    if (wal->pMethods->xRead(wal, walHeader, 32, 0) != SQLITE_OK)
        return internal(source, QStringLiteral("cannot read the WAL header"));
    const quint32 magic = be32(walHeader);
    if ((magic & 0xfffffffe) != 0x377f0682 || int(be32(walHeader + 8)) != pageSize ||
        memcmp(walHeader + 16, header.salt(), 8) != 0)
        return internal(source, QStringLiteral("the WAL header does not match the wal-index"));
    const qint64 frameBytes = 24 + pageSize;
    unsigned char frame[24];
    for (quint32 i = 0; i < frames; ++i) {
        const qint64 offset = 32 + qint64(i) * frameBytes;
        if (wal->pMethods->xRead(wal, frame, 24, offset) != SQLITE_OK || memcmp(frame + 8, walHeader + 16, 8) != 0)
            return internal(source, QStringLiteral("WAL frame %1 does not belong to the snapshot").arg(i + 1));
        const quint32 pgno = be32(frame);
        if (pgno >= 1 && pgno <= pageCount)
            overlay[pgno] = offset + 24;
    }
    return overlay;
}

struct Reader {
    sqlite3_file *db = nullptr;
    sqlite3_file *wal = nullptr;
    const std::map<quint32, qint64> *overlay = nullptr;
    int pageSize = 0;
    bool walMode = false;

    // Pages [first, first + count) of the snapshot into `out`.
    bool read(quint32 first, quint32 count, unsigned char *out) const
    {
        const int rc = db->pMethods->xRead(db, out, int(count) * pageSize, qint64(first - 1) * pageSize);
        if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) // pages past the main file's end are in the WAL
            return false;
        for (auto it = overlay->lower_bound(first); it != overlay->end() && it->first < first + count; ++it)
            if (wal->pMethods->xRead(wal, out + qint64(it->first - first) * pageSize, pageSize, it->second) !=
                SQLITE_OK)
                return false;
        if (first == 1 && walMode) {
            out[18] = 1; // file format versions: the copy is a self-contained rollback-journal database
            out[19] = 1;
        }
        return true;
    }
};

// A descriptor of this process open for reading on the database file itself (same device and inode as
// `path`), found among /proc/self/fd: SQLite's own, so that chunks can be copied file to file inside the kernel
// (copy_file_range with an explicit offset leaves the descriptor as it was) without opening one of our own
// (closing that would drop this process's POSIX locks on the file). -1 when there is none.
int readableDescriptorOf(const QString &path)
{
    struct stat named {};
    if (stat(QFile::encodeName(path).constData(), &named) != 0)
        return -1;
    DIR *fds = opendir("/proc/self/fd");
    if (!fds)
        return -1;
    int found = -1;
    while (dirent *entry = readdir(fds)) {
        char *end = nullptr;
        const long fd = strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0' || fd == dirfd(fds))
            continue;
        struct stat opened {};
        const int flags = fcntl(int(fd), F_GETFL);
        if (flags >= 0 && (flags & O_ACCMODE) != O_WRONLY && fstat(int(fd), &opened) == 0 && S_ISREG(opened.st_mode) &&
            opened.st_dev == named.st_dev && opened.st_ino == named.st_ino) {
            found = int(fd);
            break;
        }
    }
    closedir(fds);
    return found;
}

// Chunks of the main file seen in place through SQLite's own memory map of it (xFetch on its file handle, as
// its pager does with PRAGMA mmap_size): written and hashed without first being copied into a buffer. Only
// for chunks the snapshot takes wholly from the main file (no WAL page, not page 1, inside the file); those
// bytes cannot change while the read transaction lasts. Released (xUnfetch) when destroyed, which must come
// after the hashing of them is done and before the connection closes.
class MappedChunks {
public:
    MappedChunks(sqlite3_file *file, qint64 fileBytes, bool enabled)
        : m_file(file), m_fileBytes(fileBytes),
          m_enabled(enabled && file->pMethods->iVersion >= 3 && file->pMethods->xFetch && file->pMethods->xUnfetch)
    {}
    ~MappedChunks()
    {
        for (const auto &[offset, pointer] : m_fetched)
            m_file->pMethods->xUnfetch(m_file, offset, pointer);
    }
    MappedChunks(const MappedChunks &) = delete;
    MappedChunks &operator=(const MappedChunks &) = delete;

    const unsigned char *fetch(const Reader &reader, quint32 first, quint32 count)
    {
        const qint64 offset = qint64(first - 1) * reader.pageSize;
        const qint64 bytes = qint64(count) * reader.pageSize;
        if (!m_enabled || first == 1 || offset + bytes > m_fileBytes)
            return nullptr;
        const auto hit = reader.overlay->lower_bound(first);
        if (hit != reader.overlay->end() && hit->first < first + count)
            return nullptr;
        void *p = nullptr;
        if (m_file->pMethods->xFetch(m_file, offset, int(bytes), &p) != SQLITE_OK || !p)
            return nullptr;
        m_fetched.emplace_back(offset, p);
        return static_cast<const unsigned char *>(p);
    }

private:
    sqlite3_file *m_file;
    qint64 m_fileBytes;
    bool m_enabled;
    std::vector<std::pair<qint64, void *>> m_fetched;
};

Error countTables(SqliteHandle &db, const BtreeCounter &counter, QList<TableRows> *tables)
{
    auto list = SqliteStoreInfo::tables(db);
    if (!list)
        return list.error();
    for (const SqliteTable &t : list.value()) {
        std::optional<qint64> rows = counter.count(t.rootPage);
        if (!rows) {
            auto counted = SqliteStoreInfo::countRows(db, t.name);
            if (!counted && counted.error().code != ErrorCode::Corrupt)
                return counted.error();
            rows = counted ? counted.value() : -1; // damaged: the copy is kept, quick_check says what is wrong
        }
        *tables << TableRows{t.name, *rows, {}};
    }
    return {};
}

} // namespace

Expected<SqliteSnapshotInfo> SqliteSnapshotCopy::copy(const QString &source, DurableFile &out, const OpControl &control)
{
    QElapsedTimer timer;
    timer.start();
    if (Error e = Connector::checkSqliteFile(source))
        return e;
    SqliteHandle db;
    if (Error e = db.open(source, SqliteHandle::Mode::ReadOnly, 10000))
        return e;
    db.setCancelToken(control.token);
    if (kUseMap) // lets MappedChunks see the file through SQLite's own map (no second descriptor)
        db.exec(SqlText::sqlite("common", "mmap_size", {{"bytes", QString::number(kMapBytes)}}));

    SqliteSnapshotInfo info;
    auto mode = db.scalar(SqlText::sqlite("common", "journal_mode"));
    auto pageSize = db.scalar(SqlText::sqlite("common", "page_size"));
    if (!mode)
        return mode.error();
    if (!pageSize)
        return pageSize.error();
    info.journalMode = mode->toString().toLower();
    info.pageSize = pageSize->toInt();
    const bool walMode = info.journalMode == QLatin1String("wal");

    sqlite3_file *dbFile = nullptr;
    sqlite3_file *walFile = nullptr;
    if (sqlite3_file_control(db.raw(), "main", SQLITE_FCNTL_FILE_POINTER, &dbFile) != SQLITE_OK || !dbFile ||
        !dbFile->pMethods)
        return internal(source, QStringLiteral("no file handle"));

    IndexHeader header{};
    if (walMode) {
        auto pinned = pinWalSnapshot(db, dbFile, &info.snapshotAttempts);
        if (!pinned)
            return pinned.error();
        header = pinned.value();
        sqlite3_file_control(db.raw(), "main", SQLITE_FCNTL_JOURNAL_POINTER, &walFile);
    } else {
        info.snapshotAttempts = 1;
        if (Error e = db.exec(SqlText::sqlite("common", "begin")))
            return e;
        auto probe = db.scalar(SqlText::sqlite("common", "read_schema"));
        if (!probe)
            return probe.error();
    }
    // From here on the read transaction is open; SqliteHandle's close ends it on every return path.
    auto pages = db.scalar(SqlText::sqlite("common", "page_count"));
    if (!pages)
        return pages.error();
    info.pageCount = quint32(pages->toLongLong());
    info.userVersion = SqliteStoreInfo::userVersion(db);
    info.migrationVersion = SqliteStoreInfo::migrationVersion(db);

    auto overlay = walMode ? walOverlay(walFile, header, info.pageSize, info.pageCount, source)
                           : Expected<std::map<quint32, qint64>>(std::map<quint32, qint64>{});
    if (!overlay)
        return overlay.error();
    info.walFrames = header.mxFrame();
    info.pagesFromWal = quint32(overlay->size());

    const qint64 pinnedMs = timer.elapsed();
    const Reader reader{dbFile, walFile, &overlay.value(), info.pageSize, walMode};
    // Buffers no larger than the database: a small store does not pay for 3 x 4 MiB of fresh pages.
    const quint32 chunkPages =
        std::max<quint32>(1, std::min<quint32>(quint32(kChunkBytes / size_t(info.pageSize)), info.pageCount));
    const qint64 total = qint64(info.pageCount) * info.pageSize;
    sqlite3_int64 fileBytes = 0;
    if (dbFile->pMethods->xFileSize(dbFile, &fileBytes) != SQLITE_OK)
        fileBytes = 0;
    // Destroyed in reverse: the pipe (every chunk hashed), then the mapped chunks released, then `db`.
    MappedChunks mapped(dbFile, fileBytes, kUseMap && fileBytes > 0);
    const int fd = readableDescriptorOf(source);
    const quint64 chunks = (quint64(info.pageCount) + chunkPages - 1) / chunkPages;
    std::vector<const unsigned char *> inPlace(chunks, nullptr); // the chunks seen through the map
    const auto readError = [&](quint32 first, quint32 count) {
        return Error::make(
            ErrorCode::Io,
            QStringLiteral("cannot read pages %1..%2 of %3").arg(first).arg(first + count - 1).arg(source),
            QStringLiteral("check the disk holding the database"));
    };
    const auto cancelled = [&] {
        return Error::make(ErrorCode::Cancelled, QStringLiteral("backup of %1 cancelled").arg(source));
    };

    // One pass copies: the main file's chunks file to file inside the kernel, their bytes queued for hashing
    // in place (the hash thread follows as fast as it can; nothing waits for it); the chunks holding WAL pages
    // (or page 1) through a buffer of the pipe, counted at once since the buffer returns to the ring.
    // The main file's chunks cannot change while the read transaction lasts, nor the WAL frames up to its end.
    HashPipe pipe(3, size_t(chunkPages) * size_t(info.pageSize));
    BtreeCounter counter;
    out.setWritebackKick(false); // the flush runs beside the hashing below
    const auto countPages = [&](quint32 first, quint32 count, const unsigned char *data) {
        if (first == 1) // chunk 0 is never seen in place (page 1 is rewritten), so it comes first
            counter.setGeometry(info.pageSize, data[20], info.pageCount);
        for (quint32 i = 0; i < count; ++i)
            counter.addPage(first + i, data + qint64(i) * info.pageSize);
    };
    for (quint64 c = 0; c < chunks; ++c) {
        if (control.cancelled())
            return cancelled();
        const quint32 first = quint32(c * chunkPages + 1);
        const quint32 count = std::min(chunkPages, info.pageCount - first + 1);
        const qint64 bytes = qint64(count) * info.pageSize;
        inPlace[c] = mapped.fetch(reader, first, count);
        Error e;
        if (const unsigned char *data = inPlace[c]) {
            pipe.submitExternal(data, size_t(bytes));
            e = fd >= 0 ? out.writeFromFile(fd, qint64(first - 1) * info.pageSize, data, bytes)
                        : out.write(data, bytes);
        } else {
            unsigned char *buffer = pipe.acquire();
            if (!reader.read(first, count, buffer))
                return readError(first, count);
            countPages(first, count, buffer);
            pipe.submit(buffer, size_t(bytes));
            e = out.write(buffer, bytes);
        }
        if (e)
            return e;
        control.report(out.written(), total, QStringLiteral("copying pages"));
    }
    const qint64 copyMs = timer.elapsed();

    // Then, side by side: the copy going to disk (flusher thread), the hash finishing (pipe thread), the
    // quick_check of the copy (its own thread), and the row counts of the chunks seen in place (this thread).
    CopyQuickCheck check(out.tempPath(), control.token);
    Error flushed;
    std::thread flusher([&out, &flushed] { flushed = out.flushData(); });
    struct JoinOnExit { // an early return (cancel) still waits for the flush before the file goes
        std::thread &t;
        ~JoinOnExit()
        {
            if (t.joinable())
                t.join();
        }
    } join{flusher};
    control.report(total, total, QStringLiteral("checksum, row counts and flush"));
    for (quint64 c = 0; c < chunks; ++c) {
        if (control.cancelled())
            return cancelled();
        if (inPlace[c]) {
            const quint32 first = quint32(c * chunkPages + 1);
            countPages(first, std::min(chunkPages, info.pageCount - first + 1), inPlace[c]);
        }
    }
    const quint32 mappedChunks =
        quint32(std::count_if(inPlace.begin(), inPlace.end(), [](const unsigned char *p) { return p != nullptr; }));
    const quint64 sequence = chunks;
    const qint64 loopMs = timer.elapsed();
    if (Error e = countTables(db, counter, &info.tables))
        return e;
    const qint64 countMs = timer.elapsed();
    info.sha256 = pipe.finish(); // before the mapped chunks go (with `db`)
    const qint64 hashMs = timer.elapsed();
    flusher.join();
    if (flushed)
        return flushed;
    const qint64 flushMs = timer.elapsed();
    auto checked = check.result();
    if (!checked)
        return checked.error();
    info.quickCheck = checked.value();
    db.exec(SqlText::sqlite("common", "commit"));
    spdlog::debug("snapshot timing {}: open+pin {} ms, copy {} ms ({} of {} chunks mapped), counting {} ms, "
                  "row counts {} ms, hash tail {} ms, flush tail {} ms, quick_check tail {} ms",
                  source.toStdString(), pinnedMs, copyMs - pinnedMs, mappedChunks, sequence, loopMs - copyMs,
                  countMs - loopMs, hashMs - countMs, flushMs - hashMs, timer.elapsed() - flushMs);
    info.bytes = out.written();
    return info;
}

} // namespace dbops
