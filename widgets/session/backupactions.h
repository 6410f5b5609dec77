#pragma once
// The operator's backup, verify and restore flows in the GUI, each a chain of worker jobs and dialogs:
//   backup:  job (progress, cancel) → result
//   verify:  job (progress, cancel) → verdict written to the manifest
//   restore: plan job (verify + impact + writers) → RestoreDialog (typed confirmation) → apply job
//            (safety backup, restore, verify after) → result
// Jobs run on the operations worker (one at a time, each opening its own connections); dialogs are
// window-modal, so the window stays alive while a job runs. Outcomes come back as signals, for the panel's
// banner, the status bar and the log.
#include "connection/target.h"
#include "core/error.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace dbops {

class DbWorker;
class JobProgressDialog;
class RestoreDialog;
struct RestorePlan;

class BackupActions : public QObject {
    Q_OBJECT
public:
    BackupActions(DbWorker *ops, QWidget *window, QObject *parent = nullptr);

    void backup(const Target &target, const QString &outDir);
    void verify(const QString &backupPath);
    void restore(const QString &backupPath, const Target &target);

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
    void run(const QString &title, quint64 id, Done done);
    void showRestoreDialog(const RestorePlan &plan);
    void setRunning(bool running);

    DbWorker *m_ops;
    QWidget *m_window;
    QPointer<JobProgressDialog> m_progress;
    QPointer<RestoreDialog> m_restoreDialog;
    bool m_running = false;
};

} // namespace dbops
