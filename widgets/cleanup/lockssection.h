#pragma once
// Cleanup › Stale locks: the lock files in the target's data directory (or its store's folder) with their
// PID alive, stale or unknown; the stale ones removed after a typed confirmation ("remove"), each re-checked
// right before. Live locks are never touched.
#include "cleanup/cleanupsection.h"
#include "maintenance/stalelocks.h"

class QPushButton;
class QStandardItemModel;
class QTableView;

namespace dbops {

class LocksSection : public CleanupSection {
    Q_OBJECT
public:
    explicit LocksSection(DbWorker *ops, QWidget *parent = nullptr);

    void setTarget(const Target &target, const SessionOptions &options) override;
    void scan();
    void removeConfirmed();

    QPushButton *scanButton() const { return m_scanButton; }
    QPushButton *removeButton() const { return m_removeButton; }
    const QStandardItemModel *model() const { return m_model; }
    const std::optional<LockScan> &lastScan() const { return m_scan; }

protected:
    void updateButtons() override;

private:
    void showScan(const LockScan &scan);

    QPushButton *m_scanButton;
    QPushButton *m_removeButton;
    QStandardItemModel *m_model;
    QTableView *m_table;
    std::optional<LockScan> m_scan;
};

} // namespace dbops
