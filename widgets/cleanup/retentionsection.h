#pragma once
// Cleanup tab, Retention: the operator's policies (table, time column, keep, archive) for one store —
// suggested from the schema, saved with the profile — a dry run listing what would go, and the apply behind a
// typed confirmation (RetentionDialog), with progress and cancel (JobProgressDialog). Every read and write
// runs as a job on the operations worker; an interrupted job of the store is offered for resuming.
#include "cleanup/retentionjournal.h"
#include "cleanup/retentionrunner.h"
#include "connection/target.h"
#include "core/error.h"
#include "core/expected.h"
#include "worker/jobcontext.h"

#include <QHash>
#include <QPointer>
#include <QWidget>
#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

namespace dbops {

class DbWorker;
class JobProgressDialog;
class RetentionDialog;
class RetentionPlanModel;

class RetentionSection : public QWidget {
    Q_OBJECT
public:
    RetentionSection(DbWorker *ops, QWidget *parent = nullptr);
    void setTarget(const Target &target);
    Target store() const; // the store the policies apply to (the target, or the file picked in a data dir)

    QStringList policies() const; // as edited, TABLE:COLUMN:KEEP[:ARCHIVE]
    void setPolicies(const QStringList &specs);
    void addPolicy(const QString &spec);
    void suggest();
    void dryRun();
    void apply();  // the dry run's plan → RetentionDialog
    void resume(); // the interrupted job, same policies and cut-off
    void saveToProfile();
    void setReadOnly(bool readOnly); // incident mode: Apply and Resume disabled (the core refuses them too)

    const RetentionPlanModel *planModel() const { return m_model; }
    RetentionDialog *dialog() const;
    JobProgressDialog *progressDialog() const;
    bool hasInterruptedJob() const { return m_journal.has_value(); }

Q_SIGNALS:
    void succeeded(const QString &summary);
    void failed(const dbops::Error &error);
    void planned(); // a dry run's figures are on screen (also the re-count after an apply)
    void applied(const dbops::RetentionResult &result);
    void inspected(); // the store's saved policies and interrupted job were read

private:
    using Done = std::function<void(const QVariant &)>;
    // `title` non-empty: a progress dialog with Cancel follows the job; empty: the reply comes quietly.
    void runJob(const QString &label, const QString &title, Job work, Done done);
    void inspectStore();
    Expected<RetentionRequest> currentRequest() const; // the policies as edited, with the unlock box
    void showPlan(const RetentionPlan &plan);          // the grid and the apply button follow this plan
    void recountAfterApply();
    void showDialog(const RetentionPlan &plan);
    void startApply(const RetentionPlan &plan, const RetentionApplyOptions &options);
    void updateButtons();
    void fail(const Error &error);

    DbWorker *m_ops;
    Target m_target;
    QComboBox *m_stores;
    QLabel *m_storeLabel;
    QTableWidget *m_policies;
    QCheckBox *m_unlock;
    QPushButton *m_suggest, *m_add, *m_remove, *m_save, *m_dryRun, *m_apply, *m_resume;
    QLabel *m_summary;
    QLabel *m_interrupted;
    QTableView *m_view;
    RetentionPlanModel *m_model;
    std::optional<RetentionPlan> m_plan;
    std::optional<RetentionJournal> m_journal;
    QPointer<RetentionDialog> m_dialog;
    QPointer<JobProgressDialog> m_progress;
    QHash<quint64, Done> m_quiet; // jobs whose replies come without a progress dialog
    bool m_busy = false;
    bool m_readOnly = false;
};

} // namespace dbops
