#include "dialogs/restoredialog.h"

#include "common/errorbanner.h"
#include "common/panelchrome.h"
#include "common/tableviews.h"
#include "common/typedconfirmation.h"
#include "core/format.h"
#include "item/restoreimpactmodel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace dbops {

RestoreDialog::RestoreDialog(const RestorePlan &plan, QWidget *parent)
    : QDialog(parent), m_plan(plan), m_impact(new RestoreImpactModel(this)), m_confirm(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_restore(m_buttons->addButton(tr("Restore"), QDialogButtonBox::AcceptRole))
{
    setObjectName(QStringLiteral("restoreDialog"));
    setWindowTitle(tr("Restore %1").arg(plan.destination().display()));
    setMinimumSize(940, 600);
    m_impact->setPlan(plan);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(PanelChrome::title(tr("Restore into %1").arg(plan.destination().display()), this));
    auto *facts = new QFormLayout;
    qint64 bytes = plan.backupBytes; // a data directory backup: its stores (the folder's own size says nothing)
    if (plan.isDataDir()) {
        bytes = 0;
        for (const RestorePlan &m : plan.members)
            bytes += m.backupBytes;
    }
    // A moment from a Litestream replica: its copy is a scratch file of this preview (gone afterwards), checked
    // without a checksum to compare (there is none); say so rather than name the file or claim one.
    const bool scratch = plan.request.backupIsScratch;
    auto *backup = PanelChrome::note(
        this,
        scratch
            ? tr("Litestream's copy of the moment, restored from the replica for this preview (%1)")
                  .arg(Format::bytes(bytes))
            : tr("%1 (%2, taken %3)").arg(plan.backupPath, Format::bytes(bytes), Format::moment(plan.backupModified)));
    backup->setObjectName(QStringLiteral("restoreBackup"));
    facts->addRow(tr("Backup"), backup);
    auto *verified =
        PanelChrome::note(this, !plan.verify.problems.isEmpty() ? plan.verify.problems.join(QStringLiteral("; "))
                                : scratch                       ? tr("yes — integrity (quick_check) and row counts")
                                          : tr("yes — checksum, integrity and row counts match"));
    verified->setObjectName(QStringLiteral("restoreVerified"));
    facts->addRow(tr("Verified"), verified);
    if (plan.isDataDir()) {
        QStringList stores;
        for (const RestorePlan &m : plan.members)
            stores << (m.intoNew() ? tr("%1 — not there now, created by the restore").arg(m.relativePath)
                       : !m.impact.schemaDiffers()
                           ? tr("%1 — schema the same (%2)").arg(m.relativePath, m.impact.now.display())
                           : tr("%1 — schema now %2, in the backup %3")
                                 .arg(m.relativePath, m.impact.now.display(), m.impact.backup.display()));
        auto *list = PanelChrome::note(this, stores.join(QLatin1Char('\n')));
        list->setObjectName(QStringLiteral("restoreStores"));
        facts->addRow(tr("Stores (%1)").arg(plan.members.size()), list);
        facts->addRow(tr("Safety backup"),
                      PanelChrome::note(this, tr("taken first, of the whole directory as it is now; then "
                                                 "each store is restored in one transaction")));
    } else {
        facts->addRow(tr("Schema now"), PanelChrome::note(this, plan.impact.now.display()));
        facts->addRow(tr("Schema in backup"), PanelChrome::note(this, plan.impact.backup.display()));
        facts->addRow(tr("Safety backup"),
                      PanelChrome::note(this, plan.intoNew() ? tr("not needed: the live store is not touched")
                                                             : tr("taken first, of the store as it is now")));
    }
    layout->addLayout(facts);

    auto *headline = new QLabel(m_impact->headline(), this);
    headline->setObjectName(QStringLiteral("restoreHeadline"));
    headline->setWordWrap(true);
    if (plan.impact.rowsLost() > 0) {
        QFont bold = headline->font();
        bold.setBold(true);
        headline->setFont(bold);
    }
    layout->addWidget(headline);
    if (!plan.impact.notes.isEmpty()) {
        auto *notes = PanelChrome::note(this, plan.impact.notes.join(QLatin1Char('\n')));
        notes->setObjectName(QStringLiteral("restoreNotes"));
        layout->addWidget(notes);
    }
    auto *table = TableViews::create(m_impact, this, QStringLiteral("restoreImpact"));
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(table, 1);
    layout->addWidget(buildWriters());

    const QString name = plan.confirmationName();
    auto *ask = new QLabel(tr("Type <b>%1</b> to confirm:").arg(name.toHtmlEscaped()), this);
    m_confirm->setObjectName(QStringLiteral("restoreConfirm"));
    layout->addWidget(ask);
    layout->addWidget(m_confirm);
    m_restore->setObjectName(QStringLiteral("restoreButton"));
    layout->addWidget(m_buttons);

    connect(m_confirm, &QLineEdit::textChanged, this, &RestoreDialog::updateButton);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canRestore())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButton();
    // Read top to bottom: the impact, "restore anyway" when writers were found, the typed name, the buttons.
    QWidget::setTabOrder(table, m_force ? static_cast<QWidget *>(m_force) : m_confirm);
    if (m_force)
        QWidget::setTabOrder(m_force, m_confirm);
    TypedConfirmation::wire(m_confirm, m_buttons, m_restore);
}

QWidget *RestoreDialog::buildWriters()
{
    auto *banner = new ErrorBanner(this);
    banner->setObjectName(QStringLiteral("restoreWriters"));
    const WriterReport &w = m_plan.writers;
    if (!w.writing()) {
        QString text = tr("Nobody else is writing to the store.");
        if (!w.stale.isEmpty())
            text += tr(" %1 stale lock file(s) name processes that are gone.").arg(w.stale.size());
        banner->showInfo(text);
        return banner;
    }
    banner->showWarning(tr("The store is in use — stop the bot first:\n• ") +
                        w.describe().join(QStringLiteral("\n• ")));
    auto *box = new QWidget(this);
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(banner);
    m_force = new QCheckBox(tr("Restore anyway (the bot's writes since the backup are lost and it may "
                               "fail on its next write)"),
                            box);
    m_force->setObjectName(QStringLiteral("restoreForce"));
    connect(m_force, &QCheckBox::toggled, this, &RestoreDialog::updateButton);
    v->addWidget(m_force);
    return box;
}

RestoreOptions RestoreDialog::options() const
{
    RestoreOptions o;
    o.confirmation = m_confirm->text().trimmed();
    o.force = m_force && m_force->isChecked();
    return o;
}

bool RestoreDialog::canRestore() const
{
    if (m_confirm->text().trimmed() != m_plan.confirmationName())
        return false;
    return !m_plan.writers.writing() || (m_force && m_force->isChecked());
}

void RestoreDialog::updateButton() { m_restore->setEnabled(canRestore()); }

} // namespace dbops
