#pragma once
// Migrations tab: which migration tool(s) the store uses, the current version, every applied / pending /
// missing / changed / failed migration in a table, and a timeline of when they were applied. The probe runs
// on the DbWorker given (never on the GUI thread); a folder of migration files, when set, is compared too.
//
// The folder is remembered per target (MigrationsFolders: the saved profile's migrations_dir, else the
// console's settings keyed by the target's display form): setWorker() puts the target's folder back, and a
// folder the operator chooses or types is saved for it.
//
// Use: panel->setWorker(session->worker()); panel->refresh();
// reportLoaded(report) carries report.summary() for the overview's "schema: v065, 5 pending, 1 missing".
#include "connection/target.h"
#include "core/error.h"
#include "schema/migrationsfolders.h"
#include "schema/migrationstate.h"

#include <QPointer>
#include <QWidget>

class QCustomPlot;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace dbops {

class DbWorker;
class ErrorBanner;
class MigrationsModel;

class MigrationsPanel : public QWidget {
    Q_OBJECT
public:
    explicit MigrationsPanel(QWidget *parent = nullptr);
    // The worker of the open target (may be null: the panel then waits). Not owned. Shows the folder
    // remembered for the worker's target.
    void setWorker(DbWorker *worker);
    // Where folders are remembered (tests; default: the user's profiles.ini and console.ini).
    void setFolderMemory(const MigrationsFolders &memory) { m_memory = memory; }
    void setFolder(const QString &folder);
    QString folder() const;
    // Submits a read of the migration state to the worker.
    void refresh();
    // Shows a report (what refresh() does with the worker's answer).
    void setReport(const MigrationReport &report);
    const MigrationReport &report() const;
    QString summary() const;
    MigrationsModel *model() const { return m_model; }
    QCustomPlot *timeline() const { return m_timeline; }

Q_SIGNALS:
    void reportLoaded(const dbops::MigrationReport &report);
    // The operator chose a migrations folder (already remembered for the target).
    void folderChosen(const QString &folder);
    void errorReported(const dbops::Error &error);

private:
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);
    void chooseFolder();
    void useChosenFolder(const QString &folder);
    void updateTimeline(const MigrationReport &report);

    QPointer<DbWorker> m_worker;
    Target m_target;
    MigrationsFolders m_memory;
    QLabel *m_summary;
    QLineEdit *m_folder;
    QToolButton *m_browse;
    QToolButton *m_refresh;
    ErrorBanner *m_banner;
    MigrationsModel *m_model;
    QTableView *m_view;
    QCustomPlot *m_timeline;
    quint64 m_requestId = 0;
};

} // namespace dbops
