#include "session/backupactions.h"

#include "common/jobprogressstrip.h"
#include "core/format.h"
#include "dialogs/jobprogressdialog.h"
#include "dialogs/restoredialog.h"
#include "ops/restorejobs.h"
#include "schedule/lockedjobs.h"
#include "worker/dbworker.h"

#include <spdlog/spdlog.h>

namespace dbops {

BackupActions::BackupActions(DbWorker *ops, QWidget *window, QObject *parent)
    : QObject(parent), m_ops(ops), m_window(window)
{}

JobProgressDialog *BackupActions::progressDialog() const { return m_progress.data(); }

RestoreDialog *BackupActions::restoreDialog() const { return m_restoreDialog.data(); }

void BackupActions::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    Q_EMIT busyChanged(running);
}

void BackupActions::setProgressStrip(JobProgressStrip *strip)
{
    m_strip = strip;
    connect(strip, &JobProgressStrip::finished, this, [this](const QVariant &result) {
        m_strip->hide();
        finish(m_stripTitle, m_stripDone, result, {});
    });
    connect(strip, &JobProgressStrip::failed, this, [this](const Error &error) {
        m_strip->hide();
        finish(m_stripTitle, m_stripDone, {}, error);
    });
}

void BackupActions::runInStrip(const QString &title, quint64 id, Done done)
{
    if (!m_strip)
        return run(title, id, std::move(done));
    setRunning(true);
    m_stripTitle = title;
    m_stripDone = std::move(done);
    m_strip->follow(m_ops, id, title);
    m_strip->show();
}

void BackupActions::run(const QString &title, quint64 id, Done done)
{
    setRunning(true);
    auto *dialog = new JobProgressDialog(m_ops, id, title, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_progress = dialog;
    connect(dialog, &JobProgressDialog::finished, this,
            [this, title, done](const QVariant &result) { finish(title, done, result, {}); });
    connect(dialog, &JobProgressDialog::failed, this,
            [this, title, done](const Error &error) { finish(title, done, {}, error); });
    dialog->open();
}

void BackupActions::finish(const QString &title, const Done &done, const QVariant &result, const Error &error)
{
    setRunning(false);
    if (!error.isError()) {
        done(result);
        return;
    }
    spdlog::warn("{} failed: {}", title.toStdString(), error.oneLine().toStdString());
    Q_EMIT failed(error);
    Q_EMIT catalogChanged(); // a refused restore may still have written its safety backup
}

void BackupActions::backup(const Target &target, const QString &outDir, int pgCompression)
{
    if (m_running)
        return;
    BackupRequest request;
    request.outDir = outDir;
    request.pgCompression = pgCompression;
    const quint64 id = m_ops->submit(QStringLiteral("backup"), LockedJobs::backup(target, request), false);
    spdlog::info("backup of {} started", target.display().toStdString());
    runInStrip(tr("Backing up %1").arg(target.display()), id, [this](const QVariant &v) {
        const BackupResult r = v.value<BackupResult>();
        QString line = tr("Backup written: %1 (%2, sha256 %3…)")
                           .arg(r.path, Format::bytes(r.manifest.bytes), r.manifest.sha256.left(12));
        if (!r.skipped.isEmpty())
            line += tr("; skipped: ") + r.skipped.join(QStringLiteral("; "));
        for (const QString &w : r.manifest.warnings) // the store is damaged: the backup holds the damage too
            line += tr("; WARNING: ") + w;
        if (r.manifest.warnings.isEmpty())
            spdlog::info("{}", line.toStdString());
        else
            spdlog::warn("{}", line.toStdString());
        Q_EMIT catalogChanged();
        Q_EMIT succeeded(line);
    });
}

void BackupActions::verify(const QString &backupPath)
{
    if (m_running)
        return;
    const quint64 id = m_ops->submit(QStringLiteral("verify"), LockedJobs::verify(backupPath), false);
    runInStrip(tr("Verifying %1").arg(backupPath), id, [this, backupPath](const QVariant &v) {
        const VerifyReport r = v.value<VerifyOutcome>().report;
        Q_EMIT catalogChanged();
        if (r.verified()) {
            spdlog::info("verified {}", backupPath.toStdString());
            Q_EMIT succeeded(tr("Verified: %1 — checksum, integrity and row counts match").arg(backupPath));
        } else {
            const QString problems = r.problems.join(QStringLiteral("; "));
            spdlog::warn("verification of {} failed: {}", backupPath.toStdString(), problems.toStdString());
            Q_EMIT failed(Error::make(ErrorCode::Corrupt, tr("%1 failed verification: %2").arg(backupPath, problems),
                                      tr("do not restore from it; take a new backup")));
        }
    });
}

void BackupActions::restore(const QString &backupPath, const Target &target)
{
    if (m_running)
        return;
    RestoreRequest request;
    request.backupPath = backupPath;
    const quint64 id = m_ops->submit(QStringLiteral("restore preview"), RestoreJobs::plan(target, request), false);
    run(tr("Preparing the restore of %1").arg(target.display()), id,
        [this](const QVariant &v) { showRestoreDialog(v.value<RestorePlan>()); });
}

void BackupActions::restoreAt(const Target &target, const QDateTime &at, const QString &replicaRoot,
                              const QString &backupDir)
{
    if (m_running)
        return;
    const quint64 id = m_ops->submit(QStringLiteral("restore to a moment preview"),
                                     RestoreJobs::planAt(target, at, replicaRoot, backupDir), false);
    spdlog::info("restore of {} to {} asked", target.display().toStdString(),
                 at.toUTC().toString(Qt::ISODate).toStdString());
    run(tr("Preparing the restore of %1 as it was at %2")
            .arg(target.display(), at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
        id, [this](const QVariant &v) {
            const MomentPlan m = v.value<MomentPlan>();
            spdlog::info("restore to a moment: {}", m.source.describe.toStdString());
            showRestoreDialog(m.plan, m.scratchDir);
        });
}

void BackupActions::removeScratch(const QString &scratchDir)
{
    if (!scratchDir.isEmpty())
        m_ops->submit(QStringLiteral("remove restore scratch"), RestoreJobs::removeScratch(scratchDir), false);
}

void BackupActions::showRestoreDialog(const RestorePlan &plan, const QString &scratchDir)
{
    auto *dialog = new RestoreDialog(plan, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_restoreDialog = dialog;
    connect(dialog, &QDialog::rejected, this, [this, scratchDir] { removeScratch(scratchDir); });
    connect(dialog, &QDialog::accepted, this, [this, dialog, scratchDir] {
        const RestorePlan plan = dialog->plan();
        const RestoreOptions options = dialog->options();
        spdlog::warn("restore of {} from {} confirmed{}", plan.destination().display().toStdString(),
                     plan.backupPath.toStdString(), options.force ? " (forced past writers)" : "");
        const quint64 id = m_ops->submit(QStringLiteral("restore"), RestoreJobs::apply(plan, options), false);
        removeScratch(scratchDir); // queued after the restore on the same worker: it runs once that is done
        const Target target = plan.target;
        run(tr("Restoring %1").arg(plan.destination().display()), id, [this, target](const QVariant &v) {
            const RestoreResult r = v.value<RestoreResult>();
            Q_EMIT catalogChanged();
            QString line =
                tr("Restored %1%2; verified after: %3")
                    .arg(r.destination, r.members.isEmpty() ? QString() : tr(" (%1 stores)").arg(r.members.size()),
                         r.verifiedAfter ? QStringLiteral("yes") : tr("NO"));
            if (r.hasSafetyBackup)
                line += tr("; safety backup: %1").arg(r.safetyBackup.path);
            spdlog::info("{}", line.toStdString());
            if (r.undoable()) {
                spdlog::warn("restore failed its check; to undo: {}", r.undoCommand(target).toStdString());
                Q_EMIT undoOffered(r.safetyBackup.path, target);
            }
            if (r.ok())
                Q_EMIT succeeded(line);
            else
                Q_EMIT failed(r.error.isError() ? r.error
                                                : Error::make(ErrorCode::Internal, line,
                                                              tr("check the store; the safety backup "
                                                                 "holds the state before the restore")));
        });
    });
    dialog->open();
}

} // namespace dbops
