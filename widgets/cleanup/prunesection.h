#pragma once
// Cleanup › Backup pruning: rules per store (keep the newest N, keep D days; the newest verified backup of
// each store always stays), a preview of every backup with keep / delete and why, and the deletion after a
// typed confirmation ("delete N") — backup and manifest, each audited.
#include "cleanup/cleanupsection.h"
#include "maintenance/backupprune.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace dbops {

class PruneSection : public CleanupSection {
    Q_OBJECT
public:
    explicit PruneSection(DbWorker *ops, QWidget *parent = nullptr);

    // Empty: the default folder ($XDG_DATA_HOME/dbops/backups).
    void setBackupDir(const QString &dir);
    QString backupDir() const { return m_dir; }
    void setTarget(const Target &target, const SessionOptions &options) override;
    void preview();
    void deleteConfirmed();

    QSpinBox *keepLastBox() const { return m_keepLast; }
    QSpinBox *keepDaysBox() const { return m_keepDays; }
    QCheckBox *onlyTargetBox() const { return m_onlyTarget; }
    QPushButton *previewButton() const { return m_previewButton; }
    QPushButton *deleteButton() const { return m_deleteButton; }
    const QStandardItemModel *model() const { return m_model; }
    const std::optional<PrunePlan> &plan() const { return m_plan; }

protected:
    void updateButtons() override;

private:
    PruneRules rules() const;
    void showPlan(const PrunePlan &plan);

    QString m_dir;
    QLabel *m_folder;
    QSpinBox *m_keepLast;
    QSpinBox *m_keepDays;
    QCheckBox *m_onlyTarget;
    QPushButton *m_previewButton;
    QPushButton *m_deleteButton;
    QStandardItemModel *m_model;
    QTableView *m_table;
    std::optional<PrunePlan> m_plan;
};

} // namespace dbops
