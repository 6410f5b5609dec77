#pragma once
// A file that appears under its final name only when it is complete and on disk: written to a hidden
// temporary name in the same folder, fdatasync'ed, renamed (never over an existing backup unless asked),
// and the folder fsync'ed. Destroyed or discarded before commit(), it leaves nothing behind.
// Writeback is started every few MiB (sync_file_range) so the final fdatasync does not wait for it all.
#include "core/error.h"

#include <QByteArray>
#include <QString>

namespace dbops {

class DurableFile {
public:
    DurableFile() = default;
    ~DurableFile();
    DurableFile(const DurableFile &) = delete;
    DurableFile &operator=(const DurableFile &) = delete;

    Error create(const QString &finalPath);
    Error write(const void *data, qint64 size);
    // The same bytes as write(data, size) where `data` holds `size` bytes of file `fd` at `offset`, copied inside
    // the kernel (copy_file_range) when it can; else written from `data`. `fd` is only read from, never closed.
    Error writeFromFile(int fd, qint64 offset, const void *data, qint64 size);
    // fdatasync of what was written so far, nothing else: may run on another thread while this one reads (but
    // does not write), so the flush overlaps other work; commit() then finds little left to flush.
    Error flushData();
    // Off: no writeback is started while writing (for a writer that overlaps the whole flush with other work
    // through flushData(), where the early writeback only slows the copy down).
    void setWritebackKick(bool on) { m_kick = on; }
    // replace=false: fails with Io when finalPath exists (a backup is never overwritten).
    Error commit(bool replace = false);
    void discard();

    qint64 written() const { return m_written; }
    const QString &finalPath() const { return m_final; }
    const QString &tempPath() const { return m_temp; }
    bool isOpen() const { return m_fd >= 0; }

    // Writes `data` as `path` durably (manifests).
    static Error writeWhole(const QString &path, const QByteArray &data, bool replace);
    // Starts writing `path`'s dirty pages to disk without waiting (a file another program just wrote, which a
    // later fdatasync must find on disk): the flush then overlaps what comes between. Best effort, no error.
    static void startWriteback(const QString &path);
    // fsync of a directory, so a rename in it survives a power cut.
    static Error syncDirectory(const QString &dir);
    // The hidden temporary name used for `finalPath` (the catalog ignores these; PartialFiles removes stale
    // ones). The writer holds an flock on it while it writes.
    static bool isTemporaryName(const QString &fileName);

private:
    Error ioError(const QString &what, int err) const;

    int m_fd = -1;
    QString m_final;
    QString m_temp;
    qint64 m_written = 0;
    qint64 m_flushedUpTo = 0;
    bool m_kick = true;
};

} // namespace dbops
