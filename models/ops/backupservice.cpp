#include "ops/backupservice.h"

#include "audit/auditlog.h"
#include "ops/backupnaming.h"
#include "ops/datadirbackup.h"
#include "ops/partialfiles.h"
#include "ops/pgbackup.h"
#include "ops/sqlitebackup.h"

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
    record.parameters = QStringLiteral("out=%1").arg(BackupNaming::outDirFor(request));
    record.outcome = outcome;
    record.detail = detail;
    AuditLog().append(record);
}

QString outcomeOf(const Error &e)
{
    return e.code == ErrorCode::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed");
}

} // namespace

Expected<BackupResult> BackupService::backup(const Target &target, const BackupRequest &request,
                                             const OpControl &control)
{
    Expected<BackupResult> result =
        Error::make(ErrorCode::Usage, QStringLiteral("no target to back up"), QStringLiteral("pass --db TARGET"));
    // Leftovers of runs killed while writing into this folder (each up to a store's size) go first.
    QStringList swept;
    if (target.isValid())
        for (const PartialFile &p : PartialFiles::removeStale(BackupNaming::outDirFor(request)))
            swept << p.path;
    switch (target.kind) {
    case Target::Kind::SqliteFile: result = SqliteBackup::run(target, request, control); break;
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
