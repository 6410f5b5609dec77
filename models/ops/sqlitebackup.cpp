#include "ops/sqlitebackup.h"

#include "connection/sqlitehandle.h"
#include "connection/sqlitelibrary.h"
#include "ops/backupnaming.h"
#include "ops/durablefile.h"
#include "ops/sqlitesnapshot.h"
#include "ops/sqlitevacuumcopy.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <spdlog/spdlog.h>

namespace dbops {

namespace {

QString corruptionWarning(const QString &source, const QStringList &found)
{
    return QStringLiteral("%1 is damaged (SQLite quick_check: %2); the backup was kept but holds the damage too: "
                          "repair the store or restore it from an earlier verified backup")
        .arg(source, found.join(QStringLiteral("; ")));
}

} // namespace

Expected<BackupResult> SqliteBackup::run(const Target &target, const BackupRequest &request, const OpControl &control)
{
    const QString dir = BackupNaming::outDirFor(request);
    if (!QDir().mkpath(dir))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create the backup folder %1").arg(dir),
                           QStringLiteral("check the path and permissions, or pass another --out"));
    const QFileInfo source(target.path);
    QString suffix = source.suffix().isEmpty() ? QStringLiteral(".db") : QLatin1Char('.') + source.suffix();
    return runTo(target.path,
                 BackupNaming::freshName(dir, source.completeBaseName(), suffix, request.kind, request.precedes),
                 request, control);
}

Expected<BackupResult> SqliteBackup::runTo(const QString &sourcePath, const QString &path, const BackupRequest &request,
                                           const OpControl &control)
{
    QElapsedTimer timer;
    timer.start();
    const Target target = Target::sqliteFile(sourcePath);
    DurableFile out;
    if (Error e = out.create(path))
        return e;
    const QDateTime createdAt = QDateTime::currentDateTimeUtc();
    const SqliteLibraryCheck &library = SqliteLibraryCheck::result();
    auto copied = library.useSnapshotCopy() ? SqliteSnapshotCopy::copy(target.path, out, control)
                                            : SqliteVacuumCopy::copy(target.path, out, control);
    if (!copied)
        return copied.error();
    const qint64 copyMs = timer.elapsed();
    control.report(copied->bytes, copied->bytes, QStringLiteral("flushing to disk"));
    if (Error e = out.commit())
        return e;
    const qint64 commitMs = timer.elapsed();

    BackupManifest m;
    m.kind = request.kind;
    m.engine = QStringLiteral("sqlite");
    m.source = target.display();
    m.sourceId = BackupNaming::sourceId(target);
    m.file = QFileInfo(path).fileName();
    m.format_ = QStringLiteral("sqlite-db");
    m.createdAt = createdAt;
    m.bytes = copied->bytes;
    m.sha256 = copied->sha256;
    m.tables = copied->tables;
    m.userVersion = copied->userVersion;
    m.migrationVersion = copied->migrationVersion;
    m.engineVersion = SqliteHandle::libraryVersion();
    m.journalMode = copied->journalMode;
    m.pageSize = copied->pageSize;
    m.tools = QJsonObject{{QStringLiteral("dbops"), QStringLiteral(DBOPS_VERSION)},
                          {QStringLiteral("sqlite"), SqliteHandle::libraryVersion()},
                          {QStringLiteral("sqlite_qt"), library.qtVersion},
                          {QStringLiteral("method"), library.useSnapshotCopy() ? QStringLiteral("snapshot-page-copy")
                                                                               : QStringLiteral("vacuum-into")},
                          {QStringLiteral("wal_frames"), qint64(copied->walFrames)},
                          {QStringLiteral("snapshot_attempts"), copied->snapshotAttempts}};
    if (!copied->quickCheck.isEmpty()) {
        m.sourceCorrupt = true;
        m.warnings << corruptionWarning(target.display(), copied->quickCheck);
        spdlog::warn("{}", m.warnings.last().toStdString());
    }
    m.durationMs = timer.elapsed();
    auto result = BackupResult::writeBeside(path, m);
    spdlog::debug("backup timing {}: copy+hash {} ms, fdatasync+rename {} ms, manifest {} ms ({} bytes)",
                  path.toStdString(), copyMs, commitMs - copyMs, timer.elapsed() - commitMs, copied->bytes);
    return result;
}

} // namespace dbops
