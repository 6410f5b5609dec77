#include "ops/restoreplan.h"

#include "audit/auditlog.h"
#include "ops/backupnaming.h"
#include "ops/datadirrestore.h"
#include "ops/pgrestore.h"
#include "ops/sqliterestore.h"
#include "schema/timevalue.h"

#include <QFileInfo>
#include <QJsonArray>
#include <algorithm>

namespace dbops {

QString TableImpact::describe() const
{
    if (rowsNow < 0)
        return QStringLiteral("%1: only in the backup (%2 rows), created by the restore").arg(name).arg(rowsBackup);
    if (rowsBackup < 0 && rowsLostEstimate > 0)
        return QStringLiteral("%1: not in the backup, its %2 rows will be lost").arg(name).arg(rowsNow);
    if (rowsLostEstimate <= 0)
        return QStringLiteral("%1: nothing lost (%2 rows now, %3 in the backup)")
            .arg(name)
            .arg(rowsNow)
            .arg(rowsBackup);
    if (rowsMissing > 0 && rowsMissing > rowsNewer) // back-filled or re-inserted rows, not only newer ones
        return QStringLiteral("%1 %2 rows whose %3 the backup lacks will be lost (%4 of them newer than the backup)")
            .arg(rowsMissing)
            .arg(name, key)
            .arg(std::max<qint64>(0, rowsNewer));
    if (lostIsExact && !timestampColumn.isEmpty())
        return QStringLiteral("%1 %2 rows newer than the backup will be lost (newest now %3, in the backup %4)")
            .arg(rowsLostEstimate)
            .arg(name, TimeValue::display(newestNow),
                 newestBackup.isEmpty() ? QStringLiteral("none") : TimeValue::display(newestBackup));
    return QStringLiteral("about %1 %2 rows will be lost (%3 now, %4 in the backup)")
        .arg(rowsLostEstimate)
        .arg(name)
        .arg(rowsNow)
        .arg(rowsBackup);
}

QString TableImpact::lostBy() const
{
    if (rowsLostEstimate <= 0)
        return {};
    if (rowsBackup < 0)
        return QStringLiteral("table");
    if (rowsMissing >= 0 && rowsMissing >= rowsNewer)
        return QStringLiteral("key");
    return lostIsExact ? QStringLiteral("timestamp") : QStringLiteral("row counts");
}

QString SchemaSide::display() const
{
    QStringList parts;
    if (userVersion)
        parts << QStringLiteral("user_version %1").arg(userVersion);
    if (!migrationVersion.isEmpty())
        parts << QStringLiteral("migration %1").arg(migrationVersion);
    return parts.isEmpty() ? QStringLiteral("unknown") : parts.join(QStringLiteral(", "));
}

qint64 RestoreImpact::rowsLost() const
{
    qint64 total = 0;
    for (const TableImpact &t : tables)
        total += t.rowsLostEstimate;
    return total;
}

void RestoreImpact::sortLossesFirst()
{
    std::stable_sort(tables.begin(), tables.end(), [](const TableImpact &a, const TableImpact &b) {
        if ((a.rowsLostEstimate > 0) != (b.rowsLostEstimate > 0))
            return a.rowsLostEstimate > 0;
        if (a.rowsLostEstimate != b.rowsLostEstimate)
            return a.rowsLostEstimate > b.rowsLostEstimate;
        return a.name < b.name;
    });
}

bool RestoreImpact::schemaDiffers() const
{
    return now.userVersion != backup.userVersion || now.migrationVersion != backup.migrationVersion;
}

QStringList RestoreImpact::summary() const
{
    QStringList lines;
    for (const TableImpact &t : tables)
        if (t.rowsLostEstimate > 0 || t.rowsNow < 0 || t.rowsBackup < 0)
            lines << t.describe();
    if (schemaDiffers())
        lines << QStringLiteral("schema changes: now %1, the backup has %2").arg(now.display(), backup.display());
    if (lines.isEmpty())
        lines << QStringLiteral("no row missing from the backup or newer than it: nothing will be lost");
    return lines + notes;
}

namespace {
QJsonObject schemaJson(const SchemaSide &s)
{
    return QJsonObject{{QStringLiteral("user_version"), s.userVersion},
                       {QStringLiteral("migration_version"), s.migrationVersion},
                       {QStringLiteral("display"), s.display()}};
}
QJsonValue rowsJson(qint64 rows) { return rows < 0 ? QJsonValue() : QJsonValue(rows); }
} // namespace

QJsonObject RestoreImpact::toJson() const
{
    QJsonArray list;
    for (const TableImpact &t : tables)
        list.append(QJsonObject{{QStringLiteral("name"), t.name},
                                {QStringLiteral("rows_now"), rowsJson(t.rowsNow)},
                                {QStringLiteral("rows_backup"), rowsJson(t.rowsBackup)},
                                {QStringLiteral("newest_now"), t.newestNow},
                                {QStringLiteral("newest_backup"), t.newestBackup},
                                {QStringLiteral("timestamp_column"), t.timestampColumn},
                                {QStringLiteral("rows_lost_estimate"), t.rowsLostEstimate},
                                {QStringLiteral("rows_lost_exact"), t.lostIsExact},
                                {QStringLiteral("rows_lost"), rowsJson(t.rowsMissing)},
                                {QStringLiteral("rows_newer"), rowsJson(t.rowsNewer)},
                                {QStringLiteral("key"), t.key},
                                {QStringLiteral("lost_by"), t.lostBy()},
                                {QStringLiteral("note"), t.note}});
    return QJsonObject{{QStringLiteral("tables"), list},
                       {QStringLiteral("rows_lost"), rowsLost()},
                       {QStringLiteral("schema_now"), schemaJson(now)},
                       {QStringLiteral("schema_backup"), schemaJson(backup)},
                       {QStringLiteral("schema_differs"), schemaDiffers()},
                       {QStringLiteral("summary"), QJsonArray::fromStringList(summary())}};
}

QString RestorePlan::auditTarget() const
{
    if (intoNew() && !verify.manifest.source.isEmpty())
        return verify.manifest.source;
    return target.display();
}

Target RestorePlan::destination() const
{
    if (!request.toPath.isEmpty())
        return Target::sqliteFile(QFileInfo(request.toPath).absoluteFilePath());
    if (!request.toDatabase.isEmpty()) {
        Target t = target;
        t.pg.dbname = request.toDatabase;
        t.profileName.clear();
        return t;
    }
    return target;
}

QString RestorePlan::confirmationName() const { return destination().databaseName(); }

QJsonObject RestorePlan::toJson() const
{
    QJsonObject o{{QStringLiteral("backup"), backupPath},
                  {QStringLiteral("target"), target.display()},
                  {QStringLiteral("destination"), destination().display()},
                  {QStringLiteral("into_new"), intoNew()},
                  {QStringLiteral("engine"), target.engine()},
                  {QStringLiteral("verify"), verify.toJson()},
                  {QStringLiteral("impact"), impact.toJson()},
                  {QStringLiteral("writers"), writers.toJson()},
                  {QStringLiteral("stale_locks"), writers.staleJson()},
                  {QStringLiteral("confirm_name"), confirmationName()},
                  {QStringLiteral("planned_at"), plannedAt.toString(Qt::ISODateWithMs)}};
    if (isDataDir()) {
        QJsonArray stores;
        for (const RestorePlan &m : members)
            stores.append(QJsonObject{{QStringLiteral("path"), m.relativePath},
                                      {QStringLiteral("engine"), m.verify.manifest.engine},
                                      {QStringLiteral("backup"), m.backupPath},
                                      {QStringLiteral("destination"), m.destination().display()},
                                      {QStringLiteral("exists"), !m.intoNew()},
                                      {QStringLiteral("rows_lost"), m.impact.rowsLost()},
                                      {QStringLiteral("schema_now"), schemaJson(m.impact.now)},
                                      {QStringLiteral("schema_backup"), schemaJson(m.impact.backup)},
                                      {QStringLiteral("writers"), m.writers.toJson()}});
        o.insert(QStringLiteral("stores"), stores);
    }
    return o;
}

namespace {

Error checkDestination(const Target &target, const RestoreRequest &request)
{
    if (target.kind == Target::Kind::DataDir) {
        if (!request.toPath.isEmpty() || !request.toDatabase.isEmpty())
            return Error::make(ErrorCode::Usage, QStringLiteral("--to and --to-database restore a single store"),
                               QStringLiteral("restore the data directory in place, or one store of it with "
                                              "--db DIR/store.db --to NEW_PATH and that store's backup"));
        if (!QFileInfo(target.path).isDir())
            return Error::make(ErrorCode::NotFound,
                               QStringLiteral("the data directory %1 does not exist").arg(target.path),
                               QStringLiteral("create the folder first; the restore fills it"));
        return {};
    }
    if (target.isPostgres() && !request.toPath.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("--to is for SQLite stores"),
                           QStringLiteral("use --to-database NAME for a PostgreSQL database"));
    if (target.kind == Target::Kind::SqliteFile && !request.toDatabase.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("--to-database is for PostgreSQL databases"),
                           QStringLiteral("use --to NEW_PATH for an SQLite store"));
    if (!request.toPath.isEmpty() && QFileInfo::exists(request.toPath))
        return Error::make(ErrorCode::Usage, QStringLiteral("%1 already exists").arg(request.toPath),
                           QStringLiteral("--to restores into a new file only; pick a path that does not exist"));
    if (!request.toDatabase.isEmpty()) {
        auto exists = PgRestore::databaseExists(target, request.toDatabase, request.session);
        if (!exists)
            return exists.error();
        if (exists.value())
            return Error::make(ErrorCode::Usage,
                               QStringLiteral("database \"%1\" already exists").arg(request.toDatabase),
                               QStringLiteral("--to-database creates a new database; pick a name not in use"));
    }
    if (target.kind == Target::Kind::SqliteFile && request.toPath.isEmpty() && !QFileInfo(target.path).isFile())
        return Error::make(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(target.path),
                           QStringLiteral("to create it from the backup, use --to %1").arg(target.path));
    return {};
}

Error checkEngine(const Target &target, const VerifyReport &report)
{
    const QString engine = report.manifest.engine;
    const bool dataDir = engine == QLatin1String("datadir");
    if (target.kind == Target::Kind::DataDir && !dataDir)
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("%1 is a backup of one store, not of a data directory").arg(report.path),
                           QStringLiteral("restore it into its store: --db %1/<store>.db").arg(target.path));
    if (target.kind != Target::Kind::DataDir && dataDir)
        return Error::make(
            ErrorCode::Usage,
            QStringLiteral("%1 is a data directory backup; %2 is a single store").arg(report.path, target.display()),
            QStringLiteral("restore it with --db DATA_DIR (every store), or restore one member file "
                           "of the backup folder into this store"));
    const bool matches = target.isPostgres() ? engine == QLatin1String("postgresql")
                                             : (engine == QLatin1String("sqlite") || engine.isEmpty() || dataDir);
    if (report.hasManifest && !matches)
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("%1 is a %2 backup; %3 is a %4 store")
                               .arg(report.path, engine, target.display(), target.engine()),
                           QStringLiteral("restore it into a store of the same engine"));
    return {};
}

// A restore refused before anything changed: audited (outcome "refused"), and the error the caller reports.
Error refuse(const RestorePlan &plan, const QString &why, const QString &hint)
{
    AuditRecord refused;
    refused.target = plan.auditTarget();
    refused.action = QStringLiteral("restore");
    refused.parameters = QStringLiteral("from=%1").arg(plan.backupPath);
    refused.outcome = QStringLiteral("refused");
    refused.detail = why;
    AuditLog().append(refused);
    return Error::make(ErrorCode::Refused, why, hint);
}

} // namespace

Expected<RestorePlan> RestorePlanner::plan(const Target &target, const RestoreRequest &request,
                                           const OpControl &control)
{
    if (Error e = checkDestination(target, request))
        return e;
    RestorePlan plan;
    plan.target = target;
    plan.request = request;
    plan.plannedAt = QDateTime::currentDateTimeUtc();

    VerifyOptions verifyOptions;
    verifyOptions.reuseVerdict = true; // bytes that passed a full verification before need only their checksum
    verifyOptions.freshScratch = request.backupIsScratch;
    if (!plan.intoNew()) // a backup of another database may seed a new store, never replace this one
        verifyOptions.expectedSourceId = BackupNaming::sourceId(target);
    auto report = BackupVerifier::verify(request.backupPath, verifyOptions, control);
    if (!report)
        return report.error().code == ErrorCode::NotFound
                   ? Error::make(ErrorCode::Usage, report.error().message, report.error().hint)
                   : report.error();
    plan.verify = report.value();
    plan.backupPath = plan.verify.path;
    if (Error e = checkEngine(target, plan.verify))
        return e;
    if (!plan.verify.otherSource.isEmpty())
        return refuse(plan,
                      QStringLiteral("the backup %1 does not belong to this store: %2")
                          .arg(plan.backupPath, plan.verify.otherSource),
                      QStringLiteral("nothing was changed; pick a backup of this store (`dbops backups --db …` lists "
                                     "them), or restore this one into %1")
                          .arg(target.isPostgres() ? QStringLiteral("a new database with --to-database NAME")
                                                   : QStringLiteral("a new file with --to NEW")));
    if (!plan.verify.verified())
        return refuse(plan,
                      QStringLiteral("the backup %1 failed verification: %2")
                          .arg(plan.backupPath, plan.verify.problems.join(QStringLiteral("; "))),
                      QStringLiteral("nothing was changed; pick a verified backup (`dbops backups` lists them)"));
    const QFileInfo file(plan.backupPath);
    plan.backupBytes = file.size();
    plan.backupModified = file.lastModified();

    if (plan.isDataDir()) {
        if (Error e = DataDirRestore::plan(plan, control))
            return e;
        plan.impact.sortLossesFirst();
        return plan;
    }

    Expected<RestoreImpact> impact = RestoreImpact();
    if (target.isPostgres())
        impact = PgRestore::impact(plan.intoNew() ? Target() : target, plan.verify.manifest, request.session, control);
    else
        impact = SqliteRestore::impact(plan.intoNew() ? QString() : target.path, plan.backupPath, control,
                                       plan.verify.tables); // counted (or vouched for) by the verification
    if (!impact)
        return impact.error();
    plan.impact = impact.value();
    plan.impact.sortLossesFirst();

    if (!plan.intoNew()) {
        auto writers = WriterActivity::probe(target, request.session);
        if (!writers)
            return writers.error();
        plan.writers = writers.value();
    }
    return plan;
}

} // namespace dbops
