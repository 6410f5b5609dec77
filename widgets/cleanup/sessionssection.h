#pragma once
// Cleanup › Leaked sessions (PostgreSQL): an application's sessions idle in transaction, or idle longer
// than a limit, listed (LeakModel) and terminated after a typed confirmation (the application's name). The
// sessions are read again right before; the console's own and background workers are never touched.
#include "cleanup/cleanupsection.h"
#include "maintenance/leakedsessions.h"

class QCheckBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace dbops {

class LeakModel;

class SessionsSection : public CleanupSection {
    Q_OBJECT
public:
    explicit SessionsSection(DbWorker *ops, QWidget *parent = nullptr);

    void setTarget(const Target &target, const SessionOptions &options) override;
    void preview();
    void terminateConfirmed();

    QLineEdit *applicationEdit() const { return m_app; }
    QSpinBox *idleMinutesBox() const { return m_idleMinutes; }
    QCheckBox *idleInTransactionBox() const { return m_idleInTx; }
    QPushButton *previewButton() const { return m_previewButton; }
    QPushButton *terminateButton() const { return m_terminateButton; }
    const LeakModel *model() const { return m_model; }

protected:
    void updateButtons() override;

private:
    LeakCriteria criteria() const;

    QLineEdit *m_app;
    QSpinBox *m_idleMinutes;
    QCheckBox *m_idleInTx;
    QPushButton *m_previewButton;
    QPushButton *m_terminateButton;
    LeakModel *m_model;
    QTableView *m_table;
    std::optional<LeakPreview> m_preview;
};

} // namespace dbops
