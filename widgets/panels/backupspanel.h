#pragma once
// Backups tab: the backups in the backup folder (BackupCatalog, read on the file worker) with their state
// Verified / Unverified / Failed, age and size, and the operator's actions on them: back up the current
// target now (into a folder of the operator's choice; PostgreSQL: at a chosen compression), verify a backup —
// both in a progress strip with Cancel that leaves the rest of the window usable — and restore one into the
// current target (preview and typed confirmation first).
// By default only backups of the current target are listed; the operator may show all.
#include "connection/target.h"
#include "core/error.h"
#include "ops/backupcatalog.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLayout;
class QLineEdit;
class QSpinBox;
class QPushButton;
class QTableView;
class QToolButton;

namespace dbops {

class BackupActions;
class BackupCatalogModel;
class DbWorker;
class ErrorBanner;
class JobProgressStrip;
class TargetSession;

class BackupsPanel : public QWidget {
    Q_OBJECT
public:
    BackupsPanel(TargetSession *session, DbWorker *files, BackupActions *actions, QWidget *parent = nullptr);

    // Empty: the default folder ($XDG_DATA_HOME/dbops/backups).
    void setBackupDir(const QString &dir);
    QString backupDir() const { return m_dir; }
    void refresh();
    const BackupCatalogModel *model() const { return m_model; }
    QString selectedBackup() const;
    void selectBackup(const QString &path);

    void backupNow();
    void verifySelected();
    void restoreSelected();
    // Incident mode: Restore (and putting a safety backup back) disabled; backup and verify stay.
    void setReadOnly(bool readOnly);

Q_SIGNALS:
    void errorReported(const dbops::Error &error);
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);
    void chooseFolder();
    QLayout *buildBackupOptions(); // "into [folder] …  Compression [1]" beside "Back up now"
    void updateButtons();

    TargetSession *m_session;
    DbWorker *m_files;
    BackupActions *m_actions;
    QString m_dir;
    QList<CatalogEntry> m_all;
    QLabel *m_folder;
    QLabel *m_empty;
    QPushButton *m_backup;
    QPushButton *m_verify;
    QPushButton *m_restore;
    QPushButton *m_undo; // "Put the safety backup back": shown after a restore that failed its check
    QString m_undoBackup;
    Target m_undoTarget;
    QToolButton *m_refresh;
    QToolButton *m_chooseFolder;
    bool m_readOnly = false;
    QCheckBox *m_onlyThisTarget;
    ErrorBanner *m_banner;
    BackupCatalogModel *m_model;
    QTableView *m_view;
    JobProgressStrip *m_progress; // backup and verify run here, leaving the window usable
    QLineEdit *m_destination = nullptr;
    QString m_shownDir; // the folder the list shows, as the operator reads it
    QSpinBox *m_compression = nullptr;
    QLabel *m_compressionLabel = nullptr;
    quint64 m_requestId = 0;
};

} // namespace dbops
