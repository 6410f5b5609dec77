#pragma once
// Leaving incident mode: why, and for how long (15 minutes unless the operator says otherwise). The window
// ends by itself; the reason and the window go to the audit trail.
#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace dbops {

class IncidentLeaveDialog : public QDialog {
    Q_OBJECT
public:
    explicit IncidentLeaveDialog(QWidget *parent = nullptr);
    QString reason() const;
    int minutes() const;

Q_SIGNALS:
    void leaveRequested(const QString &reason, int minutes);

private:
    QLineEdit *m_reason;
    QSpinBox *m_minutes;
    QDialogButtonBox *m_buttons;
};

} // namespace dbops
