#pragma once
// Backups tab: the backups in the backup folder (BackupCatalog, read on the file worker) with their state
// Verified / Unverified / Failed, age and size, and the operator's actions on them: back up the current
// target now (into a folder of the operator's choice; PostgreSQL: at a chosen compression), verify a backup —
// both in a progress strip with Cancel that leaves the rest of the window usable — and restore one into the
// current target (preview and typed confirmation first).
// By default only backups of the current target are listed; the operator may show all.
// Above the list, a timeline (BackupTimeline) shows every restore point of the store: these backups, the Litestream
// replica's restorable window (the folder chosen here, else the profile's replica=) and the store's newest write; a
// click on a point or inside the window opens the restore preview for it. For a PostgreSQL server with a
// pgBackRest stanza (PitrJobs), the stanza's backups and point-in-time window join the timeline, and its "Side
// instances" section (SideInstanceSection) restores a chosen second beside the live server — a click in the window
// picks it. "Protect
// continuously…" runs Litestream on the store (ProtectRunner) and shows its state: off / running (lag) / stalled (why).
#include "connection/target.h"
#include "core/error.h"
#include "ops/backupcatalog.h"
#include "ops/replicajobs.h"

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
class BackupTimeline;
class ProtectRunner;
class SideInstanceSection;
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

    // The Litestream replica folder for the timeline and continuous protection; empty: the profile's replica=.
    void setReplicaDir(const QString &dir);
    QString replicaDir() const;
    const BackupTimeline *timeline() const { return m_timeline; }
    ProtectRunner *protectRunner() const { return m_protect; }
    SideInstanceSection *sideInstances() const { return m_side; }
    // "Protect continuously…": asks for a replica folder when none is known yet.
    void protectContinuously();
    void restoreBackup(const QString &path);
    void restoreMoment(const QDateTime &at);

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
    QLayout *buildProtectRow();    // "Continuous protection: <state>  [Protect continuously…] [Stop]"
    void readReplica();
    void readPitr();
    void showProtectState();
    bool refuseRestoreWhenReadOnly();
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
    BackupTimeline *m_timeline;
    ProtectRunner *m_protect;
    SideInstanceSection *m_side = nullptr;
    QLabel *m_protectState = nullptr;
    QPushButton *m_protectStart = nullptr;
    QPushButton *m_protectStop = nullptr;
    QString m_replicaDir;     // chosen in this window; empty: the profile's
    ReplicaReading m_replica; // the last reading (its replicaRoot: the folder in use)
    quint64 m_replicaRequestId = 0;
    quint64 m_pitrRequestId = 0;
};

} // namespace dbops
