#pragma once
// The last look before a retention apply, built from a dry run (RetentionPlan, measured on a worker): per
// table the rows that go, their oldest/newest time and the space, where archived rows go, who else is using
// the store (batches are short, so the bot keeps writing), and the safety backup (on by default). "Delete"
// stays disabled until the operator types the store's name. The dialog runs nothing: accepted() hands back
// the options for RetentionRunner::apply().
#include "cleanup/retentionrunner.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace dbops {

class RetentionPlanModel;

class RetentionDialog : public QDialog {
    Q_OBJECT
public:
    explicit RetentionDialog(const RetentionPlan &plan, QWidget *parent = nullptr);
    const RetentionPlan &plan() const;
    RetentionApplyOptions options() const;
    bool canApply() const;
    QString confirmationName() const { return m_plan.target.databaseName(); }

private:
    void updateButton();

    RetentionPlan m_plan;
    RetentionPlanModel *m_model;
    QLineEdit *m_confirm;
    QCheckBox *m_safety;
    QPushButton *m_apply;
};

} // namespace dbops
