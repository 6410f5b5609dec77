#pragma once
// The last look before a restore, built from a RestorePlan (already verified and measured on a worker):
// what the restore takes away per table, the schema version on both sides, who is writing to the store, and
// where the safety backup goes. Restore stays disabled until the operator types the destination's name;
// when writers were found it also needs "restore anyway" ticked. The dialog runs nothing itself: accepted()
// hands back the options for RestoreJobs::apply().
#include "ops/restoreplan.h"
#include "ops/restoreservice.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace dbops {

class RestoreImpactModel;

class RestoreDialog : public QDialog {
    Q_OBJECT
public:
    explicit RestoreDialog(const RestorePlan &plan, QWidget *parent = nullptr);

    const RestorePlan &plan() const { return m_plan; }
    RestoreOptions options() const; // confirmation as typed, force as ticked
    bool canRestore() const;
    const RestoreImpactModel *impactModel() const { return m_impact; }

private:
    QWidget *buildWriters();
    void updateButton();

    RestorePlan m_plan;
    RestoreImpactModel *m_impact;
    QLineEdit *m_confirm;
    QCheckBox *m_force = nullptr;
    QDialogButtonBox *m_buttons;
    QPushButton *m_restore;
};

} // namespace dbops
