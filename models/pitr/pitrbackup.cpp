#include "pitr/pitrbackup.h"

#include "audit/auditlog.h"
#include "core/paths.h"
#include "ops/backupnaming.h"
#include "ops/durablefile.h"
#include "ops/manifest.h"
#include "ops/sha256.h"
#include "pitr/pgbackrestengine.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>

namespace dbops {

namespace {

void audit(const Target &target, const PitrBackupRequest &request, const QString &outcome, const QString &detail)
{
    AuditRecord record;
    record.target = target.display();
    record.action = QStringLiteral("backup");
    record.parameters = QStringLiteral("engine=pgbackrest stanza=%1 type=%2").arg(request.stanza, request.type);
    record.outcome = outcome;
    record.detail = detail;
    AuditLog().append(record);
}

// The record file and its manifest: what `dbops backups` lists for this backup.
Error record(const Target &target, const PitrSource &source, PitrBackupResult &result, const QString &outDir)
{
    const QString dir = outDir.isEmpty() ? Paths::defaultBackupDir() : outDir;
    if (!QDir().mkpath(dir))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create the backup folder %1").arg(dir),
                           QStringLiteral("check its parent's permissions"));
    result.recordPath = BackupNaming::freshName(dir, QStringLiteral("pgbackrest-") + result.info.stanza,
                                                QStringLiteral(".pgbackrest.json"), QStringLiteral("backup"));
    QJsonObject body = result.backup.toJson();
    body.insert(QStringLiteral("engine"), QStringLiteral("pgbackrest"));
    body.insert(QStringLiteral("stanza"), result.info.stanza);
    body.insert(QStringLiteral("config"), source.configFile);
    if (Error e = DurableFile::writeWhole(result.recordPath, QJsonDocument(body).toJson(), false))
        return e;
    BackupManifest m;
    m.engine = QStringLiteral("pgbackrest");
    m.format_ = QStringLiteral("pgbackrest");
    m.source = target.display();
    m.sourceId = BackupNaming::sourceId(target);
    m.file = QFileInfo(result.recordPath).fileName();
    m.createdAt = result.backup.stop.isValid() ? result.backup.stop : QDateTime::currentDateTimeUtc();
    m.bytes = result.backup.bytes;
    m.durationMs = result.durationMs;
    m.tools = {{QStringLiteral("dbops"), QCoreApplication::applicationVersion()},
               {QStringLiteral("pgbackrest_label"), result.backup.label}};
    auto sha = Sha256::ofFile(result.recordPath);
    if (!sha)
        return sha.error();
    m.sha256 = sha.value();
    result.manifestPath = BackupManifest::pathFor(result.recordPath);
    return m.write(result.manifestPath);
}

} // namespace

QJsonObject PitrBackupResult::toJson() const
{
    return {{QStringLiteral("status"), QStringLiteral("ok")},
            {QStringLiteral("engine"), info.engine},
            {QStringLiteral("stanza"), info.stanza},
            {QStringLiteral("backup"), backup.toJson()},
            {QStringLiteral("record"), recordPath},
            {QStringLiteral("manifest"), manifestPath},
            {QStringLiteral("duration_ms"), double(durationMs)},
            {QStringLiteral("pitr"), info.toJson()}};
}

Expected<PitrBackupResult> PitrBackupService::run(const Target &target, const PitrBackupRequest &request,
                                                  const PitrSource &source, const QString &outDir,
                                                  const OpControl &control)
{
    if (!target.isPostgres())
        return Error::make(ErrorCode::Usage, QStringLiteral("--engine pgbackrest backs up a PostgreSQL server"),
                           QStringLiteral("pass --db with the server's URI or profile"));
    QElapsedTimer timer;
    timer.start();
    auto located = PitrLocator::require(target, source);
    if (!located)
        return located.error();
    if (!located.value().usable)
        return Error::make(
            ErrorCode::NotFound,
            QStringLiteral("pgBackRest stanza %1 is not usable: %2")
                .arg(located.value().stanza, located.value().status),
            QStringLiteral("check the name, or create it: dbops pitr-setup --db … --stanza %1 --repo DIR")
                .arg(located.value().stanza));
    PitrBackupRequest run = request;
    run.stanza = located.value().stanza;
    const PgBackRestEngine engine(source.configFile);
    auto backup = engine.backup(run, control);
    if (!backup) {
        audit(target, run,
              backup.error().code == ErrorCode::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed"),
              backup.error().oneLine());
        return backup.error();
    }
    PitrBackupResult result;
    result.backup = backup.value();
    result.durationMs = timer.elapsed();
    auto after = PitrLocator::find(target, PitrSource{run.stanza, source.configFile});
    result.info = after && after->has_value() ? after->value() : located.value();
    if (Error e = record(target, source, result, outDir)) {
        audit(target, run, QStringLiteral("failed"),
              QStringLiteral("backup %1 made, not recorded: %2").arg(result.backup.label, e.oneLine()));
        return e;
    }
    audit(target, run, QStringLiteral("ok"),
          QStringLiteral("%1 (%2, %3 bytes), recorded in %4")
              .arg(result.backup.label, result.backup.type)
              .arg(result.backup.bytes)
              .arg(result.recordPath));
    return result;
}

} // namespace dbops
