#include "ops/backupservice.h"

#include "audit/auditlog.h"
#include "connection/connector.h"
#include "core/paths.h"
#include "ops/datadirbackup.h"
#include "ops/durablefile.h"
#include "ops/partialfiles.h"
#include "ops/pgbackup.h"
#include "ops/sqlitehandle.h"
#include "ops/sqlitelibrary.h"
#include "ops/sqlitesnapshot.h"
#include "ops/sqlitevacuumcopy.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <spdlog/spdlog.h>

namespace dbops {

namespace {

void audit(const BackupRequest &request, const Target &target, const QString &outcome, const QString &detail)
{
    if (!request.audit)
        return;
    AuditRecord record;
    record.target = target.display();
    record.action =
        request.kind == QLatin1String("safety") ? QStringLiteral("safety-backup") : QStringLiteral("backup");
    record.parameters = QStringLiteral("out=%1").arg(BackupService::outDirFor(request));
    record.outcome = outcome;
    record.detail = detail;
    AuditLog().append(record);
}

QString outcomeOf(const Error &e)
{
    return e.code == ErrorCode::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed");
}

QString corruptionWarning(const QString &source, const QStringList &found)
{
    return QStringLiteral("%1 is damaged (SQLite quick_check: %2); the backup was kept but holds the damage too: "
                          "repair the store or restore it from an earlier verified backup")
        .arg(source, found.join(QStringLiteral("; ")));
}

} // namespace

QJsonObject BackupResult::toJson() const
{
    QJsonArray tables;
    for (const TableRows &t : manifest.tables)
        tables.append(QJsonObject{{QStringLiteral("name"), t.name}, {QStringLiteral("rows"), t.rows}});
    QJsonObject o{{QStringLiteral("path"), path},
                  {QStringLiteral("bytes"), manifest.bytes},
                  {QStringLiteral("sha256"), manifest.sha256},
                  {QStringLiteral("manifest"), manifestPath},
                  {QStringLiteral("engine"), manifest.engine},
                  {QStringLiteral("kind"), manifest.kind},
                  {QStringLiteral("source"), manifest.source},
                  {QStringLiteral("created_at"), manifest.createdAt.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("duration_ms"), manifest.durationMs},
                  {QStringLiteral("tables"), tables},
                  {QStringLiteral("source_corrupt"), manifest.sourceCorrupt},
                  {QStringLiteral("warnings"), QJsonArray::fromStringList(manifest.warnings)}};
    if (!partialsRemoved.isEmpty())
        o.insert(QStringLiteral("partials_removed"), QJsonArray::fromStringList(partialsRemoved));
    if (!members.isEmpty() || !skipped.isEmpty()) {
        QJsonArray list;
        for (const BackupResult &m : members)
            list.append(m.toJson());
        o.insert(QStringLiteral("members"), list);
        o.insert(QStringLiteral("skipped"), QJsonArray::fromStringList(skipped));
    }
    return o;
}

QString BackupService::outDirFor(const BackupRequest &request)
{
    return request.outDir.isEmpty() ? Paths::defaultBackupDir() : QFileInfo(request.outDir).absoluteFilePath();
}

QString BackupService::sourceId(const Target &target)
{
    if (target.isPostgres())
        return QStringLiteral("postgresql://") + Connector::pgLabel(target);
    const QFileInfo info(target.path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

QString BackupService::freshName(const QString &dir, const QString &stem, const QString &suffix, const QString &kind,
                                 const QString &precedes)
{
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('Z');
    const QString base = dir + QLatin1Char('/') + stem +
                         (kind == QLatin1String("safety") ? QString(QStringLiteral("-pre-") + precedes) : QString()) +
                         QLatin1Char('-') + stamp;
    for (int n = 0;; ++n) {
        const QString candidate = base + (n ? QStringLiteral("-%1").arg(n) : QString()) + suffix;
        if (!QFileInfo::exists(candidate) && !QFileInfo::exists(BackupManifest::pathFor(candidate)))
            return candidate;
    }
}

Expected<BackupResult> BackupService::backupSqliteFile(const Target &target, const BackupRequest &request,
                                                       const OpControl &control)
{
    const QString dir = outDirFor(request);
    if (!QDir().mkpath(dir))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create the backup folder %1").arg(dir),
                           QStringLiteral("check the path and permissions, or pass another --out"));
    const QFileInfo source(target.path);
    QString suffix = source.suffix().isEmpty() ? QStringLiteral(".db") : QLatin1Char('.') + source.suffix();
    return backupSqliteFileTo(target.path,
                              freshName(dir, source.completeBaseName(), suffix, request.kind, request.precedes),
                              request, control);
}

Expected<BackupResult> BackupService::backupSqliteFileTo(const QString &sourcePath, const QString &path,
                                                         const BackupRequest &request, const OpControl &control)
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
    m.sourceId = sourceId(target);
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

Expected<BackupResult> BackupResult::writeBeside(const QString &path, const BackupManifest &manifest)
{
    BackupResult result;
    result.path = path;
    result.manifestPath = BackupManifest::pathFor(path);
    result.manifest = manifest;
    if (Error e = manifest.write(result.manifestPath)) {
        // A backup without its manifest cannot be verified: leave nothing rather than half of it.
        QFile::remove(path);
        return e;
    }
    return result;
}

Expected<BackupResult> BackupService::backup(const Target &target, const BackupRequest &request,
                                             const OpControl &control)
{
    Expected<BackupResult> result =
        Error::make(ErrorCode::Usage, QStringLiteral("no target to back up"), QStringLiteral("pass --db TARGET"));
    // Leftovers of runs killed while writing into this folder (each up to a store's size) go first.
    QStringList swept;
    if (target.isValid())
        for (const PartialFile &p : PartialFiles::removeStale(outDirFor(request)))
            swept << p.path;
    switch (target.kind) {
    case Target::Kind::SqliteFile: result = backupSqliteFile(target, request, control); break;
    case Target::Kind::DataDir: result = DataDirBackup::run(target, request, control); break;
    case Target::Kind::Postgres: result = PgBackup::run(target, request, control); break;
    case Target::Kind::None: break;
    }
    if (result) {
        result->partialsRemoved = swept;
        QStringList detail{QStringLiteral("%1 (%2 bytes, sha256 %3)")
                               .arg(result->path)
                               .arg(result->manifest.bytes)
                               .arg(result->manifest.sha256)};
        detail << result->manifest.warnings;
        audit(request, target, result->manifest.warnings.isEmpty() ? QStringLiteral("ok") : QStringLiteral("warning"),
              detail.join(QStringLiteral("; ")));
    } else
        audit(request, target, outcomeOf(result.error()), result.error().oneLine());
    return result;
}

} // namespace dbops
