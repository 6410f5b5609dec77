#include "activity/sqlitepool.h"

#include "activity/severityjson.h"
#include "ops/sqlitehandle.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <sqlite3.h>

namespace dbops {

namespace {

constexpr qint64 kWalHeaderBytes = 32;
constexpr qint64 kWalFrameHeaderBytes = 24;

// Takes and releases the write lock without waiting; never checkpoints on close (the bot owns that).
void probeWriteLock(SqlitePool &pool, SqliteHandle &handle)
{
    const Error begin = handle.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!begin) {
        handle.exec(QStringLiteral("ROLLBACK"));
        pool.writeLock = SqlitePool::WriteLock::Free;
        return;
    }
    if (begin.code == ErrorCode::Busy) {
        pool.writeLock = SqlitePool::WriteLock::Held;
        pool.writeLockNote = QStringLiteral("another connection holds the write lock right now");
        return;
    }
    pool.writeLockNote = begin.oneLine();
}

void runCheckpoint(SqlitePool &pool, SqliteHandle &handle)
{
    int log = -1;
    int done = -1;
    const int rc = sqlite3_wal_checkpoint_v2(handle.raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    pool.checkpoint.ran = rc == SQLITE_OK || rc == SQLITE_BUSY;
    pool.checkpoint.busy = rc == SQLITE_BUSY;
    pool.checkpoint.logFrames = log;
    pool.checkpoint.checkpointed = done;
    if (!pool.checkpoint.ran)
        pool.checkpoint.note = handle.error(rc, QStringLiteral("checkpoint")).oneLine();
}

void readFiles(SqlitePool &pool)
{
    QFile header(pool.path);
    if (header.open(QIODevice::ReadOnly)) {
        const QByteArray h = header.read(100);
        if (h.size() >= 20) {
            const int raw = (quint8(h[16]) << 8) | quint8(h[17]);
            pool.pageSize = raw == 1 ? 65536 : raw;
        }
    }
    pool.walBytes = QFileInfo(pool.path + QStringLiteral("-wal")).size();
    if (pool.walBytes > kWalHeaderBytes && pool.pageSize > 0)
        pool.walFrames = (pool.walBytes - kWalHeaderBytes) / (pool.pageSize + kWalFrameHeaderBytes);
}

void judge(SqlitePool &pool)
{
    for (const DiscoveredItem &lock : pool.lockFiles)
        if (!lock.pidAlive) {
            pool.findings << QStringLiteral("stale lock file %1 (PID %2 is not running): the bot may refuse to start")
                                 .arg(lock.path)
                                 .arg(lock.pid);
            pool.severity = std::max(pool.severity, Severity::Warning);
        }
    const SqliteCheckpoint &c = pool.checkpoint;
    if (c.ran && c.logFrames - c.checkpointed > SqlitePoolProbe::StarvationFrames) {
        pool.findings << QStringLiteral("checkpoint starvation: %1 of %2 WAL frames cannot be checkpointed because "
                                        "readers stay open; the WAL keeps growing")
                             .arg(c.logFrames - c.checkpointed)
                             .arg(c.logFrames);
        pool.severity = std::max(pool.severity, Severity::Warning);
    }
}

} // namespace

QString SqlitePool::writeLockName(WriteLock lock)
{
    switch (lock) {
    case WriteLock::Free: return QStringLiteral("free");
    case WriteLock::Held: return QStringLiteral("held");
    case WriteLock::Unknown: break;
    }
    return QStringLiteral("unknown");
}

SqlitePool SqlitePoolProbe::probe(const QString &path, const PoolOptions &options)
{
    QList<DiscoveredItem> locks;
    for (const DiscoveredItem &item : StoreDiscovery::scan(QFileInfo(path).absolutePath(), 0))
        if (item.kind == DiscoveredItem::Kind::LockFile)
            locks << item;
    return probe(path, options, locks);
}

SqlitePool SqlitePoolProbe::probe(const QString &path, const PoolOptions &options,
                                  const QList<DiscoveredItem> &lockFiles)
{
    SqlitePool pool;
    pool.path = path;
    pool.lockFiles = lockFiles;
    readFiles(pool);
    pool.holders = ProcScan::holders({path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")});
    SqliteHandle handle;
    QElapsedTimer probeTime;
    probeTime.start();
    if (const Error e = handle.open(path, SqliteHandle::Mode::ReadWrite, 0)) {
        pool.writeLockNote = e.oneLine();
        pool.checkpoint.note = e.oneLine();
    } else {
        handle.keepWalOnClose();
        auto mode = handle.scalar(QStringLiteral("PRAGMA journal_mode"));
        pool.journalMode = mode ? mode->toString().toLower() : QString();
        probeWriteLock(pool, handle);
        pool.lockProbeMs = probeTime.nsecsElapsed() / 1e6;
        if (pool.journalMode != QLatin1String("wal"))
            pool.checkpoint.note = QStringLiteral("not in WAL mode");
        else if (!options.checkpoint)
            pool.checkpoint.note = QStringLiteral("not asked for");
        else
            runCheckpoint(pool, handle);
    }
    judge(pool);
    return pool;
}

QJsonObject SqlitePool::toJson() const
{
    QJsonArray procs;
    for (const FileHolder &h : holders.holders)
        procs.append(QJsonObject{{QStringLiteral("pid"), double(h.pid)},
                                 {QStringLiteral("command"), h.command},
                                 {QStringLiteral("command_line"), h.commandLine},
                                 {QStringLiteral("files"), QJsonArray::fromStringList(h.files)},
                                 {QStringLiteral("console"), h.isSelf}});
    QJsonArray locks;
    for (const DiscoveredItem &l : lockFiles)
        locks.append(QJsonObject{{QStringLiteral("path"), l.path},
                                 {QStringLiteral("pid"), double(l.pid)},
                                 {QStringLiteral("alive"), l.pidAlive}});
    QJsonObject ckpt{{QStringLiteral("ran"), checkpoint.ran},
                     {QStringLiteral("busy"), checkpoint.busy},
                     {QStringLiteral("log"), checkpoint.logFrames},
                     {QStringLiteral("checkpointed"), checkpoint.checkpointed}};
    if (!checkpoint.note.isEmpty())
        ckpt.insert(QStringLiteral("note"), checkpoint.note);
    QJsonObject lock{{QStringLiteral("state"), writeLockName(writeLock)}, {QStringLiteral("probe_ms"), lockProbeMs}};
    if (!writeLockNote.isEmpty())
        lock.insert(QStringLiteral("note"), writeLockNote);
    return {{QStringLiteral("path"), path},
            {QStringLiteral("journal_mode"), journalMode},
            {QStringLiteral("page_size"), double(pageSize)},
            {QStringLiteral("wal_bytes"), double(walBytes)},
            {QStringLiteral("wal_frames"), double(walFrames)},
            {QStringLiteral("write_lock"), lock},
            {QStringLiteral("checkpoint"), ckpt},
            {QStringLiteral("processes"), procs},
            {QStringLiteral("unreadable_processes"), holders.unreadableProcesses},
            {QStringLiteral("lock_files"), locks},
            {QStringLiteral("findings"), QJsonArray::fromStringList(findings)},
            {QStringLiteral("status"), severityName(severity)}};
}

} // namespace dbops
