#include "activity/sqlitepool.h"

#include "activity/sqlitelocks.h"
#include "activity/walindex.h"
#include "connection/sqlitehandle.h"
#include "core/format.h"
#include "core/incidentmode.h"
#include "core/severityjson.h"
#include "dialect/sqltext.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <sqlite3.h>

namespace dbops {

namespace {

constexpr qint64 kWalHeaderBytes = 32;
constexpr qint64 kWalFrameHeaderBytes = 24;
constexpr int kReadBusyMs = 1000; // a rollback-journal commit keeps readers out briefly

// Active probe: takes and releases the write lock without waiting.
void probeWriteLock(SqlitePool &pool, SqliteHandle &handle)
{
    const Error begin = handle.exec(SqlText::sqlite("common", "begin_immediate"));
    if (!begin) {
        handle.exec(SqlText::sqlite("common", "rollback"));
        if (pool.writeLock == SqlitePool::WriteLock::Unknown)
            pool.writeLock = SqlitePool::WriteLock::Free;
        return;
    }
    if (begin.code == ErrorCode::Busy) {
        pool.writeLock = SqlitePool::WriteLock::Held;
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
    if (pool.checkpoint.ran) {
        pool.checkpoint.logFrames = log;
        pool.checkpoint.checkpointed = done;
        pool.checkpoint.source = QStringLiteral("checkpoint");
        pool.checkpoint.note.clear();
    } else {
        pool.checkpoint.note = handle.error(rc, QStringLiteral("checkpoint")).oneLine();
    }
}

// Only when the operator switched them on: both write to the store (see the header).
void runActiveProbes(SqlitePool &pool, const PoolOptions &options)
{
    if (const Error e = IncidentMode::refuse(QStringLiteral("the active probes (they write to the store)"))) {
        pool.writeLockNote = e.oneLine();
        return;
    }
    pool.activeProbes = true;
    SqliteHandle handle;
    QElapsedTimer probeTime;
    probeTime.start();
    if (const Error e = handle.open(pool.path, SqliteHandle::Mode::ReadWrite, 0)) {
        pool.writeLockNote = e.oneLine();
        return;
    }
    // The last connection to close would otherwise checkpoint and delete the -wal.
    sqlite3_db_config(handle.raw(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    probeWriteLock(pool, handle);
    pool.lockProbeMs = probeTime.nsecsElapsed() / 1e6;
    if (pool.journalMode == QLatin1String("wal") && options.checkpoint)
        runCheckpoint(pool, handle);
}

// What a read-only connection tells: journal mode, page size and, in WAL mode, the WAL-index header.
void readStore(SqlitePool &pool)
{
    pool.walBytes = QFileInfo(pool.path + QStringLiteral("-wal")).size();
    SqliteHandle handle;
    Error e = handle.open(pool.path, SqliteHandle::Mode::ReadOnly, kReadBusyMs);
    if (!e) // a read: in WAL mode it maps the -shm, whose header is read below
        if (const auto schema = handle.scalar(SqlText::sqlite("common", "read_schema")); !schema)
            e = schema.error();
    if (e) {
        pool.checkpoint.note = e.oneLine();
        pool.readError = e.oneLine();
        pool.lockedOut = e.code == ErrorCode::Busy;
        return;
    }
    const auto mode = handle.scalar(SqlText::sqlite("common", "journal_mode"));
    const auto page = handle.scalar(SqlText::sqlite("common", "page_size"));
    pool.journalMode = mode ? mode->toString().toLower() : QString();
    pool.pageSize = page ? page->toLongLong() : 0;
    if (pool.walBytes > kWalHeaderBytes && pool.pageSize > 0)
        pool.walFrames = (pool.walBytes - kWalHeaderBytes) / (pool.pageSize + kWalFrameHeaderBytes);
    if (pool.journalMode != QLatin1String("wal")) {
        pool.checkpoint.note = QStringLiteral("not in WAL mode");
        return;
    }
    const WalIndexHeader h = WalIndex::read(handle.raw());
    if (!h.read) {
        pool.checkpoint.note = h.note;
        return;
    }
    pool.checkpoint.logFrames = int(h.frames);
    pool.checkpoint.checkpointed = int(h.backfilled);
    pool.checkpoint.source = QStringLiteral("wal_index");
    pool.checkpoint.note = QStringLiteral("not run: monitoring never checkpoints (active probes run one)");
}

void observeWriteLock(SqlitePool &pool)
{
    const WriteLockSeen seen = SqliteLocks::writeLock(pool.path);
    if (!seen.known) {
        pool.writeLockNote = seen.note;
        return;
    }
    pool.writeLockPids = seen.pids;
    pool.writeLock = seen.pids.isEmpty() ? SqlitePool::WriteLock::Free : SqlitePool::WriteLock::Held;
}

// A store nobody else can read (a writer in exclusive locking mode, or one holding a long write transaction)
// stalls the bot's other readers as much as it hides the store from the console.
void judgeReadable(SqlitePool &pool)
{
    if (pool.readError.isEmpty())
        return;
    QStringList who;
    for (qint64 pid : pool.writeLockPids)
        who << QString::number(pid);
    pool.findings << (pool.lockedOut
                          ? QStringLiteral("exclusively locked%1: no other connection can read the store "
                                           "(a writer in locking_mode=EXCLUSIVE, or a write transaction "
                                           "left open); its journal mode and WAL state are unknown")
                                .arg(who.isEmpty() ? QString()
                                                   : QStringLiteral(" by pid ") + who.join(QStringLiteral(", ")))
                          : QStringLiteral("the store could not be read: ") + pool.readError);
    pool.severity = std::max(pool.severity, Severity::Warning);
}

void judge(SqlitePool &pool)
{
    judgeReadable(pool);
    for (const DiscoveredItem &lock : pool.lockFiles)
        if (lock.pid > 0 && !lock.lockAlive) {
            pool.findings << QStringLiteral("stale lock file %1 (PID %2 holds no lock on it and does not have the "
                                            "store open): the bot may refuse to start")
                                 .arg(lock.path)
                                 .arg(lock.pid);
            pool.severity = std::max(pool.severity, Severity::Warning);
        }
    const SqliteCheckpoint &c = pool.checkpoint;
    if (c.logFrames >= 0 && c.checkpointed >= 0 && c.logFrames - c.checkpointed > SqlitePoolProbe::StarvationFrames) {
        pool.findings << QStringLiteral("checkpoint starvation: %1 of %2 WAL frames are not checkpointed (readers "
                                        "that stay open, or checkpoints that do not run); the WAL keeps growing")
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
    pool.holders = ProcScan::holders({path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")});
    readStore(pool);
    observeWriteLock(pool);
    if (options.activeProbes)
        runActiveProbes(pool, options);
    judge(pool);
    return pool;
}

QString SqlitePool::writeLockText() const
{
    if (writeLock == WriteLock::Unknown)
        return writeLockNote.isEmpty() ? writeLockName(writeLock) : QStringLiteral("unknown (%1)").arg(writeLockNote);
    if (writeLock == WriteLock::Free)
        return writeLockName(writeLock);
    QStringList who;
    for (qint64 pid : writeLockPids) {
        QString name;
        for (const FileHolder &h : holders.holders)
            if (h.pid == pid)
                name = h.isSelf ? QStringLiteral("this console") : h.command;
        who << (name.isEmpty() ? QStringLiteral("pid %1").arg(pid) : QStringLiteral("pid %1 (%2)").arg(pid).arg(name));
    }
    QString text = who.isEmpty() ? QStringLiteral("held") : QStringLiteral("held by ") + who.join(QStringLiteral(", "));
    if (writeLockHeldMs > 0)
        text += QStringLiteral(", seen held for %1").arg(Format::milliseconds(double(writeLockHeldMs)));
    return text;
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
                                 {QStringLiteral("alive"), l.lockAlive}});
    QJsonObject ckpt{{QStringLiteral("ran"), checkpoint.ran},
                     {QStringLiteral("busy"), checkpoint.busy},
                     {QStringLiteral("log"), checkpoint.logFrames},
                     {QStringLiteral("checkpointed"), checkpoint.checkpointed}};
    if (!checkpoint.note.isEmpty())
        ckpt.insert(QStringLiteral("note"), checkpoint.note);
    if (!checkpoint.source.isEmpty())
        ckpt.insert(QStringLiteral("source"), checkpoint.source);
    QJsonArray lockPids;
    for (qint64 pid : writeLockPids)
        lockPids.append(double(pid));
    QJsonObject lock{{QStringLiteral("state"), writeLockName(writeLock)},
                     {QStringLiteral("probe_ms"), lockProbeMs},
                     {QStringLiteral("pids"), lockPids}};
    if (writeLockHeldMs >= 0)
        lock.insert(QStringLiteral("held_ms"), double(writeLockHeldMs));
    if (!writeLockNote.isEmpty())
        lock.insert(QStringLiteral("note"), writeLockNote);
    return {{QStringLiteral("path"), path},
            {QStringLiteral("journal_mode"), journalMode},
            {QStringLiteral("readable"), readError.isEmpty()},
            {QStringLiteral("page_size"), double(pageSize)},
            {QStringLiteral("wal_bytes"), double(walBytes)},
            {QStringLiteral("wal_frames"), double(walFrames)},
            {QStringLiteral("write_lock"), lock},
            {QStringLiteral("active_probes"), activeProbes},
            {QStringLiteral("checkpoint"), ckpt},
            {QStringLiteral("processes"), procs},
            {QStringLiteral("unreadable_processes"), holders.unreadableProcesses},
            {QStringLiteral("lock_files"), locks},
            {QStringLiteral("findings"), QJsonArray::fromStringList(findings)},
            {QStringLiteral("status"), severityName(severity)}};
}

} // namespace dbops
