#include "ops/restoreservice.h"

#include "core/incidentmode.h"

#include "audit/auditlog.h"
#include "ops/datadirrestore.h"
#include "ops/pgrestore.h"
#include "ops/sqliterestore.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace dbops {

namespace {

void audit(const RestorePlan &plan, const RestoreOptions &options, const RestoreResult &result)
{
    if (!options.audit)
        return;
    AuditRecord r;
    r.target = plan.auditTarget();
    r.action = QStringLiteral("restore");
    QStringList params{QStringLiteral("from=%1").arg(plan.backupPath), QStringLiteral("to=%1").arg(result.destination)};
    if (options.force)
        params << QStringLiteral("force");
    if (result.hasSafetyBackup)
        params << QStringLiteral("safety=%1").arg(result.safetyBackup.path);
    QStringList stores;
    for (const RestoreResult &m : result.members)
        stores << QStringLiteral("%1:%2").arg(m.relativePath, RestoreResult::statusName(m.status));
    if (!stores.isEmpty())
        params << QStringLiteral("stores=%1").arg(stores.join(QLatin1Char(',')));
    r.parameters = params.join(QLatin1Char(' '));
    r.outcome = result.status == RestoreResult::Status::Restored
                    ? (result.verifiedAfter ? QStringLiteral("ok") : QStringLiteral("failed"))
                    : RestoreResult::statusName(result.status);
    QStringList detail;
    if (result.error)
        detail << result.error.oneLine();
    if (result.forced)
        detail << QStringLiteral("forced past writers: %1").arg(result.writers.describe().join(QStringLiteral("; ")));
    if (result.status == RestoreResult::Status::Restored)
        detail << (result.verifiedAfter
                       ? QStringLiteral("verified after the restore")
                       : QStringLiteral("verification after: %1").arg(result.problemsAfter.join(QStringLiteral("; "))));
    r.detail = detail.join(QStringLiteral(" | "));
    AuditLog().append(r);
}

RestoreResult::Status statusFor(const Error &e)
{
    switch (e.code) {
    case ErrorCode::Cancelled: return RestoreResult::Status::Cancelled;
    case ErrorCode::Refused:
    case ErrorCode::Usage: return RestoreResult::Status::Refused;
    default: return RestoreResult::Status::Failed;
    }
}

// Refusals that come before anything is touched.
Error precheck(const RestorePlan &plan, const RestoreOptions &options)
{
    if (Error refused = IncidentMode::refuse(QStringLiteral("restore into %1").arg(plan.destination().display())))
        return refused;
    if (options.confirmation != plan.confirmationName())
        return Error::make(ErrorCode::Refused,
                           QStringLiteral("the restore into %1 was not confirmed").arg(plan.destination().display()),
                           QStringLiteral("type the name \"%1\" to confirm (CLI: --yes)").arg(plan.confirmationName()));
    if (!plan.verify.verified())
        return Error::make(ErrorCode::Refused, QStringLiteral("the backup %1 is not verified").arg(plan.backupPath),
                           QStringLiteral("preview the restore again"));
    QList<const RestorePlan *> files{&plan};
    for (const RestorePlan &m : plan.members)
        files << &m;
    for (const RestorePlan *p : files) {
        const QFileInfo file(p->backupPath);
        if (!file.exists() || file.size() != p->backupBytes || file.lastModified() != p->backupModified)
            return Error::make(ErrorCode::Refused,
                               QStringLiteral("the backup %1 changed since the preview").arg(p->backupPath),
                               QStringLiteral("preview the restore again"));
    }
    return {};
}

} // namespace

Error RestoreService::restoreData(const RestorePlan &plan, const OpControl &control, bool *moved)
{
    if (plan.isPostgres())
        return PgRestore::restore(plan.target, plan.backupPath, plan.verify.manifest, plan.request.toDatabase,
                                  plan.request.session, control);
    if (!plan.request.toPath.isEmpty() && plan.request.backupIsScratch) {
        // Nobody else needs the scratch file: renamed, not copied (and hashed) a second time.
        auto renamed =
            SqliteRestore::moveToNew(plan.backupPath, QFileInfo(plan.request.toPath).absoluteFilePath(), control);
        if (!renamed)
            return renamed.error();
        if (moved)
            *moved = renamed.value();
        return {};
    }
    if (!plan.request.toPath.isEmpty())
        return SqliteRestore::restoreToNew(plan.backupPath, QFileInfo(plan.request.toPath).absoluteFilePath(), control,
                                           plan.verify.manifest.sha256);
    return SqliteRestore::restoreInto(plan.backupPath, plan.target.path, control,
                                      std::max(plan.request.session.sqliteBusyTimeoutMs, 10000));
}

QStringList RestoreService::checkAfter(const RestorePlan &plan, const OpControl &control, QStringList *moving,
                                       bool moved)
{
    const Target dest = plan.destination();
    if (dest.isPostgres())
        return PgRestore::check(dest, plan.verify.manifest, plan.request.session, control, moving);
    // A new file is a hashed byte copy of the verified backup (restoreToNew checked its SHA-256), or the verified
    // scratch file itself, renamed. A scratch file copied to another file system has no checksum: checked fully.
    const bool byteCopy = moved || (!plan.request.toPath.isEmpty() && !plan.verify.manifest.sha256.isEmpty() &&
                                    !plan.request.backupIsScratch);
    return SqliteRestore::check(dest.path, plan.verify.manifest, control, moving, byteCopy);
}

Error RestoreService::takeSafetyBackup(const RestorePlan &plan, const OpControl &control, RestoreResult &result)
{
    BackupRequest safety;
    safety.kind = QStringLiteral("safety");
    safety.outDir = plan.request.safetyDir;
    safety.session = plan.request.session;
    QElapsedTimer phase;
    phase.start();
    auto backup = BackupService::backup(plan.target, safety, control);
    result.safetyMs = phase.elapsed();
    if (!backup) {
        Error e = backup.error();
        if (e.code != ErrorCode::Cancelled)
            e = Error::make(e.code == ErrorCode::Unsupported ? ErrorCode::Unsupported : ErrorCode::Refused,
                            QStringLiteral("the safety backup of %1 failed, so nothing was restored: %2")
                                .arg(plan.target.display(), e.message),
                            e.hint, e.detail);
        return e;
    }
    result.hasSafetyBackup = true;
    result.safetyBackup = backup.value();
    return {};
}

QString RestoreResult::statusName(Status status)
{
    switch (status) {
    case Status::Restored: return QStringLiteral("restored");
    case Status::Refused: return QStringLiteral("refused");
    case Status::Failed: return QStringLiteral("failed");
    case Status::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

namespace {
QString shellQuoted(const QString &word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:@%+=,-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    QString q = word;
    q.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}
} // namespace

QString RestoreResult::undoCommand(const Target &target) const
{
    if (!undoable())
        return {};
    QStringList words{QStringLiteral("dbops"), QStringLiteral("restore"),    shellQuoted(safetyBackup.path),
                      QStringLiteral("--db"),  shellQuoted(target.toSpec()), QStringLiteral("--yes")};
    if (forced)
        words << QStringLiteral("--force");
    return words.join(QLatin1Char(' '));
}

QJsonObject RestoreResult::toJson() const
{
    QJsonObject o{{QStringLiteral("status"), statusName(status)},
                  {QStringLiteral("destination"), destination},
                  {QStringLiteral("writers"), writers.toJson()},
                  {QStringLiteral("stale_locks"), writers.staleJson()},
                  {QStringLiteral("forced"), forced},
                  {QStringLiteral("safety_backup"), hasSafetyBackup ? QJsonValue(safetyBackup.toJson()) : QJsonValue()},
                  {QStringLiteral("verified_after"), verifiedAfter},
                  {QStringLiteral("problems_after"), QJsonArray::fromStringList(problemsAfter)},
                  {QStringLiteral("moved_after"), QJsonArray::fromStringList(movedAfter)},
                  {QStringLiteral("duration_ms"), durationMs},
                  {QStringLiteral("timings"), QJsonObject{{QStringLiteral("safety_ms"), safetyMs},
                                                          {QStringLiteral("restore_ms"), restoreMs},
                                                          {QStringLiteral("verify_ms"), verifyMs}}}};
    if (!members.isEmpty()) {
        QJsonArray stores;
        for (const RestoreResult &m : members) {
            QJsonObject one = m.toJson();
            one.insert(QStringLiteral("path"), m.relativePath);
            stores.append(one);
        }
        o.insert(QStringLiteral("stores"), stores);
    }
    if (error)
        o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), error.codeName()},
                                                      {QStringLiteral("message"), error.message},
                                                      {QStringLiteral("hint"), error.hint}});
    return o;
}

RestoreResult RestoreService::apply(const RestorePlan &plan, const RestoreOptions &options, const OpControl &control)
{
    QElapsedTimer timer;
    timer.start();
    RestoreResult result;
    result.destination = plan.destination().display();
    auto finish = [&](Error e) {
        result.error = e;
        if (e && result.status != RestoreResult::Status::Restored)
            result.status = statusFor(e);
        result.durationMs = timer.elapsed();
        audit(plan, options, result);
        return result;
    };
    if (Error e = precheck(plan, options))
        return finish(e);
    if (plan.isDataDir())
        return finish(DataDirRestore::apply(plan, options, control, result));

    if (!plan.intoNew()) {
        auto writers = WriterActivity::probe(plan.target, plan.request.session);
        if (!writers)
            return finish(writers.error());
        result.writers = writers.value();
        if (result.writers.writing() && !options.force)
            return finish(
                Error::make(ErrorCode::Refused,
                            QStringLiteral("%1 is in use: %2")
                                .arg(plan.target.display(), result.writers.describe().join(QStringLiteral("; "))),
                            QStringLiteral("stop the bot first, or force the restore (--force)")));
        result.forced = result.writers.writing();
        if (Error e = takeSafetyBackup(plan, control, result))
            return finish(e);
    }
    if (control.cancelled())
        return finish(
            Error::make(ErrorCode::Cancelled, QStringLiteral("restore cancelled before it started; nothing changed")));

    QElapsedTimer phase;
    phase.start();
    bool moved = false;
    Error restoreError = restoreData(plan, control, &moved);
    result.restoreMs = phase.restart();
    if (restoreError)
        return finish(restoreError);
    result.status = RestoreResult::Status::Restored;

    // Forced past live writers, the bot may have written again before the counts: those differences are
    // reported, not failures. Integrity always counts.
    result.problemsAfter = checkAfter(plan, control, result.forced ? &result.movedAfter : nullptr, moved);
    result.verifyMs = phase.elapsed();
    result.verifiedAfter = result.problemsAfter.isEmpty();
    if (!result.verifiedAfter)
        return finish(Error::make(
            ErrorCode::Corrupt,
            QStringLiteral("%1 was restored but fails verification: %2")
                .arg(result.destination, result.problemsAfter.join(QStringLiteral("; "))),
            result.hasSafetyBackup
                ? QStringLiteral("the previous state is in the safety backup %1").arg(result.safetyBackup.path)
                : QString()));
    return finish({});
}

} // namespace dbops
