#include "dialogs/retentiondialog.h"

#include "common/tableviews.h"
#include "common/typedconfirmation.h"
#include "core/format.h"
#include "item/retentionplanmodel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace dbops {

RetentionDialog::RetentionDialog(const RetentionPlan &plan, QWidget *parent)
    : QDialog(parent), m_plan(plan), m_model(new RetentionPlanModel(this)), m_confirm(new QLineEdit(this)),
      m_safety(new QCheckBox(tr("Take a safety backup of the store first (recommended)"), this))
{
    setWindowTitle(tr("Apply retention to %1").arg(plan.target.databaseName()));
    m_model->setPlan(plan);
    auto *layout = new QVBoxLayout(this);
    QString head = tr("<b>%1 rows</b> will be deleted from <b>%2</b>")
                       .arg(Format::count(plan.totalRows()), plan.target.display().toHtmlEscaped());
    if (plan.bytesEstimate() > 0)
        head += tr(" (about %1)").arg(Format::bytes(plan.bytesEstimate()));
    head += tr(". Rows are deleted in small batches, each its own short transaction; archived rows "
               "move in the same transaction as their delete.");
    auto *summary = new QLabel(head, this);
    summary->setWordWrap(true);
    layout->addWidget(summary);

    QTableView *table = TableViews::create(m_model, this, QStringLiteral("retentionImpact"));
    table->horizontalHeader()->setStretchLastSection(true);
    table->setMinimumHeight(60 + 28 * std::min<int>(6, plan.tables.size()));
    layout->addWidget(table);

    QStringList notes;
    for (const WriterEvidence &w : plan.writers.writers)
        notes << tr("In use: %1 — the bot keeps writing between batches.").arg(w.describe());
    notes << plan.notes;
    if (!notes.isEmpty()) {
        auto *n = new QLabel(notes.join(QLatin1Char('\n')), this);
        n->setWordWrap(true);
        layout->addWidget(n);
    }
    m_safety->setObjectName(QStringLiteral("retentionSafetyBackup"));
    m_safety->setChecked(true);
    layout->addWidget(m_safety);

    const QString name = confirmationName();
    layout->addWidget(new QLabel(tr("Type <b>%1</b> to confirm:").arg(name.toHtmlEscaped()), this));
    m_confirm->setObjectName(QStringLiteral("retentionConfirm"));
    m_confirm->setPlaceholderText(name);
    layout->addWidget(m_confirm);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_apply =
        buttons->addButton(tr("Delete %1 rows").arg(Format::count(plan.totalRows())), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("retentionApply"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canApply())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_confirm, &QLineEdit::textChanged, this, &RetentionDialog::updateButton);
    updateButton();
    QWidget::setTabOrder(table, m_safety);
    QWidget::setTabOrder(m_safety, m_confirm);
    TypedConfirmation::wire(m_confirm, buttons, m_apply);
    resize(860, sizeHint().height());
}

const RetentionPlan &RetentionDialog::plan() const { return m_model->plan(); }

bool RetentionDialog::canApply() const
{
    return m_plan.totalRows() > 0 && m_confirm->text().trimmed() == confirmationName();
}

RetentionApplyOptions RetentionDialog::options() const
{
    RetentionApplyOptions o;
    o.safetyBackup = m_safety->isChecked();
    return o;
}

void RetentionDialog::updateButton() { m_apply->setEnabled(canApply()); }

} // namespace dbops
