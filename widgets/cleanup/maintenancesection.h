#pragma once
// Cleanup › Maintenance: pick an operation (PostgreSQL: vacuum, analyze, reindex on chosen tables; SQLite:
// vacuum, incremental vacuum, optimize, checkpoint, analyze), preview it (sizes, statements, warnings, why it
// would be refused), run it after a typed confirmation with progress and cancel, see sizes before/after and
// the checkpoint figures. A data directory target offers its SQLite stores to choose from.
#include "cleanup/cleanupsection.h"
#include "maintenance/maintenance.h"

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace dbops {

class MaintenanceSection : public CleanupSection {
    Q_OBJECT
public:
    explicit MaintenanceSection(DbWorker *ops, QWidget *parent = nullptr);

    void setTarget(const Target &target, const SessionOptions &options) override;
    void preview();
    void runConfirmed(); // asks for the typed confirmation, then runs

    QComboBox *operationBox() const { return m_op; }
    QComboBox *storeBox() const { return m_store; }
    QLineEdit *tablesEdit() const { return m_tables; }
    QComboBox *modeBox() const { return m_mode; }
    QPushButton *previewButton() const { return m_previewButton; }
    QPushButton *runButton() const { return m_runButton; }
    QString previewText() const;
    const std::optional<MaintenancePlan> &plan() const { return m_plan; }
    const std::optional<MaintenanceResult> &lastResult() const { return m_last; }

protected:
    void updateButtons() override;

private:
    Target effectiveTarget() const; // the chosen store of a data directory
    MaintenanceRequest request() const;
    void fillOperations();
    void showPlan(const MaintenancePlan &plan);
    void showRunResult(const MaintenanceResult &result);

    QComboBox *m_store;
    QLabel *m_storeLabel;
    QComboBox *m_op;
    QLineEdit *m_tables;
    QLabel *m_tablesLabel;
    QComboBox *m_mode;
    QLabel *m_modeLabel;
    QPushButton *m_previewButton;
    QPushButton *m_runButton;
    QPlainTextEdit *m_text;
    std::optional<MaintenancePlan> m_plan;
    std::optional<MaintenanceResult> m_last;
};

} // namespace dbops
