#include "cleanup/prunesection.h"

#include "common/errorbanner.h"
#include "common/panelchrome.h"
#include "common/tableviews.h"
#include "core/format.h"
#include "core/paths.h"
#include "maintenance/maintenancejobs.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>

namespace dbops {

PruneSection::PruneSection(DbWorker *ops, QWidget *parent)
    : CleanupSection(ops, parent), m_folder(PanelChrome::note(this)), m_keepLast(new QSpinBox(this)),
      m_keepDays(new QSpinBox(this)), m_onlyTarget(new QCheckBox(tr("only the current target's backups"), this)),
      m_previewButton(new QPushButton(tr("Preview"), this)), m_deleteButton(new QPushButton(tr("Delete…"), this)),
      m_model(new QStandardItemModel(this)), m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("pruneSection"));
    body()->addWidget(PanelChrome::note(
        this, tr("Rules per store: a backup stays when either rule keeps it. The newest verified backup "
                 "of each store always stays, whatever its age.")));
    auto *form = new QFormLayout;
    form->addRow(tr("Folder"), m_folder);
    m_keepLast->setObjectName(QStringLiteral("pruneKeepLast"));
    m_keepLast->setRange(-1, 10000);
    m_keepLast->setSpecialValueText(tr("no count rule"));
    m_keepLast->setValue(10);
    m_keepDays->setObjectName(QStringLiteral("pruneKeepDays"));
    m_keepDays->setRange(-1, 3650);
    m_keepDays->setSpecialValueText(tr("no age rule"));
    m_keepDays->setSuffix(tr(" days"));
    m_keepDays->setValue(30);
    m_onlyTarget->setObjectName(QStringLiteral("pruneOnlyTarget"));
    form->addRow(tr("Keep the newest"), m_keepLast);
    form->addRow(tr("Keep younger than"), m_keepDays);
    form->addRow(QString(), m_onlyTarget);
    body()->addLayout(form);
    auto *buttons = new QHBoxLayout;
    m_previewButton->setObjectName(QStringLiteral("prunePreview"));
    m_deleteButton->setObjectName(QStringLiteral("pruneDelete"));
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_deleteButton);
    buttons->addStretch(1);
    body()->addLayout(buttons);
    m_model->setHorizontalHeaderLabels(
        {tr("Action"), tr("State"), tr("Age"), tr("Size"), tr("Backup"), tr("Why"), tr("Store")});
    m_table->setObjectName(QStringLiteral("pruneTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    TableViews::fitColumns(m_table, 5); // why a backup goes or stays takes the rest
    body()->addWidget(m_table, 1);

    const auto invalidate = [this] {
        m_plan.reset();
        updateButtons();
    };
    connect(m_keepLast, &QSpinBox::valueChanged, this, invalidate);
    connect(m_keepDays, &QSpinBox::valueChanged, this, invalidate);
    connect(m_onlyTarget, &QCheckBox::toggled, this, invalidate);
    connect(m_previewButton, &QPushButton::clicked, this, &PruneSection::preview);
    connect(m_deleteButton, &QPushButton::clicked, this, &PruneSection::deleteConfirmed);
    setBackupDir({});
}

void PruneSection::setBackupDir(const QString &dir)
{
    m_dir = dir;
    m_folder->setText(dir.isEmpty() ? Paths::defaultBackupDir() : dir);
    m_plan.reset();
    m_model->removeRows(0, m_model->rowCount());
    updateButtons();
}

void PruneSection::setTarget(const Target &target, const SessionOptions &options)
{
    CleanupSection::setTarget(target, options);
    m_onlyTarget->setEnabled(target.isValid());
}

PruneRules PruneSection::rules() const
{
    PruneRules r;
    r.keepLast = m_keepLast->value();
    r.keepDays = m_keepDays->value();
    if (m_onlyTarget->isChecked() && target().isValid())
        r.store = target().isPostgres() ? target().pg.dbname : target().path;
    return r;
}

void PruneSection::updateButtons()
{
    const bool rule = m_keepLast->value() >= 0 || m_keepDays->value() >= 0;
    m_previewButton->setEnabled(rule && !isBusy());
    m_deleteButton->setEnabled(!isBusy() && !isReadOnly() && m_plan && !m_plan->toDelete().isEmpty());
}

void PruneSection::preview()
{
    const QString dir = m_dir.isEmpty() ? Paths::defaultBackupDir() : m_dir;
    const PruneRules r = rules();
    runJob(
        tr("backup pruning preview"), PruneJobs::plan(dir, r),
        [this](const QVariant &v) { showPlan(v.value<PrunePlan>()); }, false);
}

void PruneSection::showPlan(const PrunePlan &plan)
{
    m_plan = plan;
    m_model->removeRows(0, m_model->rowCount());
    for (const PruneDecision &d : plan.decisions) {
        QList<QStandardItem *> row{new QStandardItem(d.keep ? QStringLiteral("keep") : tr("DELETE")),
                                   new QStandardItem(d.entry.stateName()),
                                   new QStandardItem(Format::age(d.entry.manifest.createdAt, plan.now)),
                                   new QStandardItem(Format::bytes(d.entry.bytes())),
                                   new QStandardItem(QFileInfo(d.entry.path).fileName()),
                                   new QStandardItem(d.reasons.join(QStringLiteral("; "))),
                                   new QStandardItem(d.store)};
        row[4]->setToolTip(d.entry.path);
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    showResult(tr("%1 backup(s): %2 to delete (%3), %4 kept")
                   .arg(plan.decisions.size())
                   .arg(plan.toDelete().size())
                   .arg(Format::bytes(plan.bytesToFree()))
                   .arg(plan.decisions.size() - plan.toDelete().size()),
               true);
    updateButtons();
}

void PruneSection::deleteConfirmed()
{
    if (!m_plan || m_plan->toDelete().isEmpty() || isReadOnly())
        return;
    const PrunePlan plan = m_plan.value();
    QStringList paths;
    ConfirmRequest r;
    for (const PruneDecision *d : plan.toDelete()) {
        paths << d->entry.path;
        r.items << QStringLiteral("%1 — %2").arg(QFileInfo(d->entry.path).fileName(),
                                                 d->reasons.join(QStringLiteral("; ")));
    }
    r.title = tr("Delete %1 backup(s)").arg(paths.size());
    r.summary = tr("Each backup and its manifest are deleted (%1). The folder is read again first: a "
                   "backup no longer due stays. Recorded in the audit trail.")
                    .arg(Format::bytes(plan.bytesToFree()));
    r.word = tr("delete %1").arg(paths.size());
    r.action = tr("Delete");
    confirm(r, [this, plan, paths] {
        const QString dir = plan.directory;
        const PruneRules rules = plan.rules;
        runJob(
            tr("prune backups"), PruneJobs::apply(dir, rules, paths),
            [this](const QVariant &v) {
                const PruneResult result = v.value<PruneResult>();
                const QString line = tr("Deleted %1 backup(s), %2 freed; %3 failed")
                                         .arg(result.deleted())
                                         .arg(Format::bytes(result.bytesFreed()))
                                         .arg(result.failed());
                m_plan.reset();
                m_model->removeRows(0, m_model->rowCount());
                showResult(line, result.failed() == 0);
                Q_EMIT succeeded(line);
                updateButtons();
            },
            true);
    });
}

} // namespace dbops
