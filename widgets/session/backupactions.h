#pragma once
// The operator's backup, verify and restore flows in the GUI, each a chain of worker jobs and dialogs:
//   backup:  job (progress, cancel) → result
//   verify:  job (progress, cancel) → verdict written to the manifest
//   restore: plan job (verify + impact + writers) → RestoreDialog (typed confirmation) → apply job
//            (safety backup, restore, verify after) → result
// Jobs run on the operations worker (one at a time, each opening its own connections). Backup and verify show
// their progress in the strip the Backups tab hands over (setProgressStrip), so every other tab stays usable
// while they run; the restore's steps are window-modal dialogs. Outcomes come back as signals, for the
// panel's banner, the status bar and the log. Backup and verify hold the store's job lock while they run, as the
// CLI does (LockedJobs): a scheduled run skips meanwhile, and one that is running makes these refuse, in words.
#include "connection/target.h"
#include "core/error.h"
#include "ops/backupresult.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace dbops {

class DbWorker;
class JobProgressDialog;
class JobProgressStrip;
class RestoreDialog;
struct RestorePlan;

class BackupActions : public QObject {
    Q_OBJECT
public:
    BackupActions(DbWorker *ops, QWidget *window, QObject *parent = nullptr);

    // Where backup and verify show their progress (without one: a dialog).
    void setProgressStrip(JobProgressStrip *strip);
    // `outDir` empty: the default folder; `pgCompression`: pg_dump's zlib level for PostgreSQL (0-9).
    void backup(const Target &target, const QString &outDir, int pgCompression = BackupRequest().pgCompression);
    void verify(const QString &backupPath);
    void restore(const QString &backupPath, const Target &target);
    // The store as it was at `at`: from the Litestream replica under `replicaRoot` when its window covers `at`,
    // else the newest backup in `backupDir` taken by then; then the same preview and confirmation as restore().
    void restoreAt(const Target &target, const QDateTime &at, const QString &replicaRoot, const QString &backupDir);

    bool busy() const { return m_running; }
    JobProgressDialog *progressDialog() const;
    RestoreDialog *restoreDialog() const;

Q_SIGNALS:
    void busyChanged(bool busy);
    // A job ended well: one line for the operator ("Backup written: …", "Verified", "Restored …").
    void succeeded(const QString &summary);
    // A job failed, was refused or cancelled.
    void failed(const dbops::Error &error);
    // A restore went through but failed its check; `safetyBackup` holds the state before it, and restoring it
    // into `target` puts that state back (the panel offers it as one button).
    void undoOffered(const QString &safetyBackup, const dbops::Target &target);
    // Something in the backup folder changed (new backup, manifest verdict): the catalog should re-read.
    void catalogChanged();

private:
    using Done = std::function<void(const QVariant &)>;
    void run(const QString &title, quint64 id, Done done);        // progress in a window-modal dialog
    void runInStrip(const QString &title, quint64 id, Done done); // in the strip (a dialog without one)
    void finish(const QString &title, const Done &done, const QVariant &result, const Error &error);
    // `scratchDir`: a restore to a moment's folder, removed once the dialog or the restore it starts is done.
    void showRestoreDialog(const RestorePlan &plan, const QString &scratchDir = {});
    void removeScratch(const QString &scratchDir);
    void setRunning(bool running);

    DbWorker *m_ops;
    QWidget *m_window;
    QPointer<JobProgressDialog> m_progress;
    QPointer<JobProgressStrip> m_strip;
    QString m_stripTitle; // the job the strip follows: its title and what to do with its result
    Done m_stripDone;
    QPointer<RestoreDialog> m_restoreDialog;
    bool m_running = false;
};

} // namespace dbops
