#include "status/statusevaluator.h"

#include "activity/pgpool.h"
#include "activity/poolprobe.h"
#include "connection/connector.h"
#include "core/paths.h"
#include "dialect/sqltext.h"
#include "ops/backupnaming.h"
#include "probe/overview.h"
#include "schema/healthscan.h"
#include "status/statusrules.h"
#include "status/statuswalgrowth.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStorageInfo>

#include <sys/statvfs.h>

namespace dbops {
namespace {

// One row of a status_wal.sql statement in `q`; the error (invalid when it worked) otherwise.
QSqlError execWal(QSqlQuery &q, const char *key)
{
    if (!q.exec(SqlText::postgresql("status_wal", key)))
        return q.lastError();
    if (!q.next())
        return QSqlError(QStringLiteral("no row"), {}, QSqlError::UnknownError);
    return {};
}

Expected<PgWalFacts> readWal(QSqlDatabase db, const Target &target, int serverVersionNum)
{
    PgWalFacts f;
    QSqlQuery k(db);
    const QSqlError checkpoints =
        execWal(k, serverVersionNum >= 170000 ? "checkpoints_checkpointer" : "checkpoints_bgwriter");
    if (checkpoints.isValid())
        return Connector::classify(checkpoints, target, QStringLiteral("read the checkpoints of"));
    f.checkpointsTimed = k.value(0).toLongLong();
    f.checkpointsRequested = k.value(1).toLongLong();
    f.statsWindowS = k.value(2).isNull() ? -1 : k.value(2).toLongLong();
    QSqlQuery a(db);
    if (const QSqlError archiver = execWal(a, "archiver"); archiver.isValid())
        return Connector::classify(archiver, target, QStringLiteral("read WAL archiving of"));
    f.archive.mode = a.value(0).toString();
    f.archive.failedCount = a.value(1).toLongLong();
    f.archive.lastArchivedAt = a.value(2).toDateTime().toUTC();
    f.archive.lastFailedAt = a.value(3).toDateTime().toUTC();
    return f;
}

// Free space where `path` lives; a folder not made yet is judged by the nearest one that exists.
DiskFacts diskAt(const QString &path, qint64 needBytes)
{
    DiskFacts d;
    d.path = path;
    d.needBytes = needBytes;
    QFileInfo info(path);
    while (!info.exists() && info.absolutePath() != info.absoluteFilePath())
        info = QFileInfo(info.absolutePath());
    const QStorageInfo storage(info.absoluteFilePath());
    d.valid = storage.isValid() && storage.isReady();
    d.freeBytes = storage.bytesAvailable();
    d.totalBytes = storage.bytesTotal();
    if (!d.valid) {
        // QStorageInfo needs the path's mount in /proc/self/mountinfo; a chroot or container may not list it, while
        // the file system still answers statvfs.
        struct statvfs vfs {};
        if (::statvfs(QFile::encodeName(info.absoluteFilePath()).constData(), &vfs) == 0 && vfs.f_blocks > 0) {
            d.valid = true;
            d.freeBytes = qint64(vfs.f_bavail) * qint64(vfs.f_frsize);
            d.totalBytes = qint64(vfs.f_blocks) * qint64(vfs.f_frsize);
        }
    }
    return d;
}

HealthScanRequest quickHealth(const StatusRequest &request)
{
    HealthScanRequest r{request.target, request.session, {}, {}};
    r.options.sizes = false; // the quick pass: schema and index findings, no page scan, never recorded
    r.options.now = request.now;
    return r;
}

StatusCheck unreadable(const QString &name, const QString &panel, const Error &error)
{
    StatusCheck c;
    c.name = name;
    c.panel = panel;
    c.state = CheckState::Unknown;
    c.reason = QStringLiteral("not readable: %1").arg(error.message);
    return c;
}

// The replicas of the stores the profile protects (SQLite; PostgreSQL's continuous archiving is pgBackRest's).
ProtectionFacts protectionOf(const StatusRequest &request)
{
    ProtectionFacts f;
    if (request.target.isPostgres())
        return f;
    f.replicaDir = request.replicaDir;
    if (f.replicaDir.isEmpty())
        return f;
    const auto binary = Litestream::find();
    if (!binary) {
        f.binaryError = binary.error();
        return f;
    }
    const auto plan = Litestream::plan(request.target, f.replicaDir);
    if (!plan) {
        f.binaryError = plan.error();
        return f;
    }
    f.skipped = plan->skipped;
    for (const ProtectedStore &s : plan->stores)
        f.replicas.append({s.storePath, Litestream::window(binary.value(), f.replicaDir, s.storePath)});
    return f;
}

void addStoreChecks(StatusBoard &board, const StatusRequest &request, const Overview &overview,
                    const Expected<HealthScanResult> &scan)
{
    board.checks << StatusRules::health(scan ? Expected<HealthReport>(scan->report)
                                             : Expected<HealthReport>(scan.error()));
    board.checks << StatusRules::migrations(overview);
    const QString dir = request.backupDir.isEmpty() ? Paths::defaultBackupDir() : request.backupDir;
    const auto catalog = BackupCatalog::list(dir);
    board.checks << StatusRules::backup(catalog, BackupNaming::sourceId(request.target), dir, request);
    board.checks << StatusRules::drill(catalog, BackupNaming::sourceId(request.target), request);
    board.checks << StatusRules::protection(protectionOf(request), request.thresholds);
    const qint64 size = overview.sizeBytes + overview.walBytes;
    if (request.target.isPostgres())
        board.checks << StatusRules::storeDiskRemote();
    else
        board.checks << StatusRules::storeDisk(diskAt(request.target.path, 0), request.thresholds);
    board.checks << StatusRules::backupDisk(diskAt(dir, size), request.thresholds);
}

void evaluatePostgres(StatusBoard &board, const StatusRequest &request, QSqlDatabase db)
{
    auto overview = OverviewProbe::collectOn(db, request.target, request.session, true);
    if (!overview) {
        board.error = overview.error();
        return;
    }
    auto activity = PgActivityReader::read(db, request.target);
    if (activity) {
        const PgPool pool = PgPoolAnalyzer::analyze(activity.value(), request.pool);
        board.checks << StatusRules::connectionsPg(pool, request.pool.poolMaxima)
                     << StatusRules::queriesPg(activity.value(), request.thresholds) << StatusRules::writerPg(pool);
    } else {
        board.checks << unreadable(QStringLiteral("connections"), QStringLiteral("activity"), activity.error())
                     << unreadable(QStringLiteral("queries"), QStringLiteral("activity"), activity.error())
                     << unreadable(QStringLiteral("writer"), QStringLiteral("activity"), activity.error());
    }
    board.checks << StatusRules::walPg(readWal(db, request.target, overview->serverVersionNum));
    addStoreChecks(board, request, overview.value(), HealthScan::run(quickHealth(request), {}, db));
}

void evaluateSqlite(StatusBoard &board, const StatusRequest &request)
{
    auto overview = OverviewProbe::collect(request.target, request.session, true);
    if (!overview) {
        board.error = overview.error();
        return;
    }
    PoolOptions poolOptions = request.pool;
    poolOptions.activeProbes = false; // the status only reads
    auto pool = PoolProbe::runSqlite(request.target, poolOptions);
    if (pool) {
        QList<WriteLockSeen> locks;
        for (const SqlitePool &s : pool->sqlite)
            locks << SqliteLocks::writeLock(s.path);
        board.checks << StatusRules::connectionsSqlite(pool->sqlite) << StatusRules::queriesSqlite(pool->sqlite, locks)
                     << StatusRules::writerSqlite(pool->sqlite)
                     << StatusWalGrowth::judge(StatusRules::walSqlite(pool->sqlite),
                                               StatusWalGrowth::recent(request, pool.value()));
    } else {
        for (const QString &name : {QStringLiteral("connections"), QStringLiteral("queries"), QStringLiteral("writer"),
                                    QStringLiteral("wal")})
            board.checks << unreadable(name, QStringLiteral("activity"), pool.error());
    }
    addStoreChecks(board, request, overview.value(), HealthScan::run(quickHealth(request)));
}

} // namespace

StatusBoard StatusEvaluator::evaluate(const StatusRequest &request, const QSqlDatabase &db)
{
    StatusBoard board;
    board.target = request.target.display();
    board.profile = request.target.profileName;
    board.engine = request.target.engine();
    if (!request.target.isPostgres()) {
        evaluateSqlite(board, request);
        return board;
    }
    if (db.isValid()) {
        evaluatePostgres(board, request, db);
        return board;
    }
    ScopedConnection conn(request.target, request.session, QStringLiteral("status"));
    if (!conn.ok())
        board.error = conn.error();
    else
        evaluatePostgres(board, request, conn.db());
    return board;
}

} // namespace dbops
