#include "cleanup/retentionsection.h"

#include "cleanup/retentionjobs.h"
#include "cleanup/retentionresume.h"
#include "common/emptystate.h"
#include "common/panelchrome.h"
#include "common/tableviews.h"
#include "core/format.h"
#include "dialogs/jobprogressdialog.h"
#include "dialogs/retentiondialog.h"
#include "item/retentionplanmodel.h"
#include "probe/profilejobs.h"
#include "worker/dbworker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <numeric>
#include <spdlog/spdlog.h>

namespace dbops {

namespace {
enum PolicyColumn { TableCol, ColumnCol, KeepCol, ArchiveCol };
} // namespace

RetentionSection::RetentionSection(DbWorker *ops, QWidget *parent)
    : QWidget(parent), m_ops(ops), m_stores(new QComboBox(this)), m_storeLabel(new QLabel(tr("Store"), this)),
      m_policies(new QTableWidget(0, 4, this)),
      m_unlock(new QCheckBox(tr("Unlock protected tables for this run"), this)), m_summary(PanelChrome::note(this)),
      m_interrupted(new QLabel(this)), m_model(new RetentionPlanModel(this))
{
    setObjectName(QStringLiteral("retentionSection"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QLabel *intro = PanelChrome::note(
        this, tr("Delete rows older than each policy keeps (archiving them first where an archive table "
                 "is named). A dry run shows what would go; the apply deletes in short batches so the "
                 "bot keeps writing, after a safety backup. Trades, orders, positions, fills, balances "
                 "and audit tables are protected."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *storeRow = new QHBoxLayout;
    m_stores->setObjectName(QStringLiteral("retentionStore"));
    m_stores->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    storeRow->addWidget(m_storeLabel);
    storeRow->addWidget(m_stores);
    storeRow->addStretch();
    layout->addLayout(storeRow);

    m_interrupted->setObjectName(QStringLiteral("retentionInterrupted"));
    m_interrupted->setWordWrap(true);
    m_interrupted->setVisible(false);
    m_interrupted->setStyleSheet(QStringLiteral("QLabel { background: palette(alternate-base); padding: 6px; }"));
    layout->addWidget(m_interrupted);

    m_policies->setObjectName(QStringLiteral("retentionPolicies"));
    m_policies->setHorizontalHeaderLabels({tr("Table"), tr("Time column"), tr("Keep"), tr("Archive into (optional)")});
    TableViews::fitColumns(m_policies); // the archive path takes the rest
    m_policies->verticalHeader()->hide();
    m_policies->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_policies->setMaximumHeight(150);
    EmptyState::attach(m_policies, tr("No retention policy yet. \"Suggest from schema\" proposes some for the "
                                      "store's log, candle and history tables; \"Add\" writes one by hand."));
    layout->addWidget(m_policies);

    auto *buttons = new QHBoxLayout;
    auto button = [&](const QString &text, const QString &name, std::function<void()> slot) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, std::move(slot));
        buttons->addWidget(b);
        return b;
    };
    m_suggest = button(tr("Suggest from schema"), QStringLiteral("retentionSuggest"), [this] { suggest(); });
    m_add = button(tr("Add"), QStringLiteral("retentionAdd"), [this] { addPolicy({}); });
    m_remove = button(tr("Remove"), QStringLiteral("retentionRemove"), [this] {
        const int row = m_policies->currentRow();
        if (row >= 0)
            m_policies->removeRow(row);
        updateButtons();
    });
    m_save = button(tr("Save to profile"), QStringLiteral("retentionSave"), [this] { saveToProfile(); });
    buttons->addStretch();
    layout->addLayout(buttons);
    buttons = new QHBoxLayout; // the second row: what runs
    buttons->addWidget(m_unlock);
    buttons->addStretch();
    m_dryRun = button(tr("Dry run"), QStringLiteral("retentionDryRun"), [this] { dryRun(); });
    m_apply = button(tr("Apply…"), QStringLiteral("retentionApplyButton"), [this] { apply(); });
    m_resume = button(tr("Resume…"), QStringLiteral("retentionResume"), [this] { resume(); });
    m_unlock->setObjectName(QStringLiteral("retentionUnlock"));
    m_dryRun->setDefault(true);
    layout->addLayout(buttons);

    m_summary->setObjectName(QStringLiteral("retentionSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_view = TableViews::create(m_model, this, QStringLiteral("retentionPlan"), RetentionPlanModel::ArchiveColumn);
    EmptyState::attach(m_view, tr("A dry run shows here what each policy would delete, before anything is."));
    layout->addWidget(m_view, 1);

    connect(m_policies, &QTableWidget::itemChanged, this, [this] {
        m_plan.reset(); // edited policies: the dry run no longer describes them
        updateButtons();
    });
    connect(m_stores, &QComboBox::currentIndexChanged, this, [this] {
        m_plan.reset();
        m_model->setPlan({});
        inspectStore();
    });
    connect(m_ops, &DbWorker::jobFinished, this, [this](quint64 id, const QVariant &v) {
        if (const Done done = m_quiet.take(id)) {
            m_busy = false;
            done(v);
            updateButtons();
        }
    });
    connect(m_ops, &DbWorker::jobFailed, this, [this](quint64 id, const Error &error) {
        if (m_quiet.remove(id)) {
            m_busy = false;
            fail(error);
        }
    });
    setTarget({});
}

RetentionDialog *RetentionSection::dialog() const { return m_dialog.data(); }

JobProgressDialog *RetentionSection::progressDialog() const { return m_progress.data(); }

void RetentionSection::fail(const Error &error)
{
    spdlog::warn("retention: {}", error.oneLine().toStdString());
    m_summary->setText(error.oneLine());
    updateButtons();
    Q_EMIT failed(error);
}

void RetentionSection::runJob(const QString &label, const QString &title, Job work, Done done)
{
    m_busy = true;
    updateButtons();
    const quint64 id = m_ops->submit(label, std::move(work), false);
    if (title.isEmpty()) {
        m_quiet.insert(id, std::move(done));
        return;
    }
    auto *dialog = new JobProgressDialog(m_ops, id, title, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_progress = dialog;
    connect(dialog, &JobProgressDialog::finished, this, [this, done](const QVariant &v) {
        m_busy = false;
        done(v);
        updateButtons();
    });
    connect(dialog, &JobProgressDialog::failed, this, [this](const Error &error) {
        m_busy = false;
        fail(error);
    });
    dialog->open();
}

void RetentionSection::setTarget(const Target &target)
{
    m_target = target;
    m_plan.reset();
    m_journal.reset();
    m_model->setPlan({});
    m_summary->clear();
    m_interrupted->hide();
    const bool dir = target.kind == Target::Kind::DataDir;
    m_stores->setVisible(dir);
    m_storeLabel->setVisible(dir);
    {
        const QSignalBlocker block(m_stores);
        m_stores->clear();
    }
    m_policies->setRowCount(0);
    if (target.isValid())
        inspectStore();
    updateButtons();
}

Target RetentionSection::store() const
{
    if (m_target.kind != Target::Kind::DataDir)
        return m_target;
    if (m_stores->currentIndex() < 0)
        return {};
    Target t = Target::sqliteFile(m_target.path + QLatin1Char('/') + m_stores->currentText());
    t.profileName = m_target.profileName;
    return t;
}

void RetentionSection::inspectStore()
{
    const Target target = m_target;
    const Target store = this->store();
    runJob(tr("retention: read the store's policies"), {}, RetentionJobs::inspect(target, store),
           [this](const QVariant &v) {
               const RetentionStoreFacts facts = v.value<RetentionStoreFacts>();
               if (!facts.stores.isEmpty()) {
                   const QSignalBlocker block(m_stores);
                   m_stores->addItems(facts.stores);
                   // the bots' main store first (seed 002: trading/trading.db)
                   const auto trading = std::find_if(facts.stores.begin(), facts.stores.end(), [](const QString &s) {
                       return s.endsWith(QLatin1String("trading.db"));
                   });
                   m_stores->setCurrentIndex(trading != facts.stores.end() ? int(trading - facts.stores.begin()) : 0);
                   inspectStore(); // now for the picked store
                   return;
               }
               if (m_policies->rowCount() == 0)
                   setPolicies(facts.policies);
               m_journal = facts.journal;
               if (m_journal)
                   m_interrupted->setText(
                       tr("A cleanup of this store started %1 was interrupted (%2; %3 rows deleted "
                          "so far). Resume finishes it with the same cut-off.")
                           .arg(Format::moment(m_journal->startedAt), m_journal->policies.join(QStringLiteral(", ")))
                           .arg(Format::count(
                               std::accumulate(m_journal->deleted.begin(), m_journal->deleted.end(), qint64(0)))));
               m_interrupted->setVisible(m_journal.has_value());
               Q_EMIT inspected();
           });
}

QStringList RetentionSection::policies() const
{
    QStringList out;
    for (int r = 0; r < m_policies->rowCount(); ++r) {
        QStringList parts;
        for (int c = TableCol; c <= ArchiveCol; ++c) {
            const QTableWidgetItem *item = m_policies->item(r, c);
            parts << (item ? item->text().trimmed() : QString());
        }
        if (parts[TableCol].isEmpty() && parts[ColumnCol].isEmpty())
            continue;
        if (parts[ArchiveCol].isEmpty())
            parts.removeLast();
        out << parts.join(QLatin1Char(':'));
    }
    return out;
}

void RetentionSection::setPolicies(const QStringList &specs)
{
    m_policies->setRowCount(0);
    for (const QString &s : specs)
        addPolicy(s);
}

void RetentionSection::addPolicy(const QString &spec)
{
    const QSignalBlocker block(m_policies);
    const QStringList parts = spec.split(QLatin1Char(':'));
    const int row = m_policies->rowCount();
    m_policies->insertRow(row);
    for (int c = TableCol; c <= ArchiveCol; ++c)
        m_policies->setItem(row, c, new QTableWidgetItem(spec.isEmpty() ? QString() : parts.value(c)));
    m_plan.reset();
    updateButtons();
}

void RetentionSection::suggest()
{
    const Target store = this->store();
    runJob(tr("retention: suggest"), {}, RetentionJobs::suggest(store), [this](const QVariant &v) {
        const QStringList have = policies();
        int added = 0;
        for (const RetentionSuggestion &s : v.value<QList<RetentionSuggestion>>()) {
            const bool known = std::any_of(have.begin(), have.end(), [&](const QString &p) {
                return p.section(QLatin1Char(':'), 0, 0).compare(s.policy.table, Qt::CaseInsensitive) == 0;
            });
            if (!known) {
                addPolicy(s.policy.spec());
                ++added;
            }
        }
        m_summary->setText(added ? tr("%1 policies suggested from the schema: check them, then "
                                      "Dry run.")
                                       .arg(added)
                                 : tr("No further table looks like market data, a cache, a log "
                                      "or signals."));
    });
}

Expected<RetentionRequest> RetentionSection::currentRequest() const
{
    auto policies = RetentionPolicy::parseAll(this->policies());
    if (!policies)
        return policies.error();
    RetentionRequest request;
    request.policies = policies.value();
    if (m_unlock->isChecked())
        for (const RetentionPolicy &p : request.policies)
            request.unlocked << p.table;
    return request;
}

void RetentionSection::dryRun()
{
    const auto request = currentRequest();
    if (!request)
        return fail(request.error());
    const Target store = this->store();
    runJob(tr("retention dry run"), tr("Counting expired rows in %1").arg(store.display()),
           RetentionJobs::plan(store, request.value()), [this](const QVariant &v) {
               showPlan(v.value<RetentionPlan>());
               QString text = tr("Dry run: %1 rows would be deleted").arg(Format::count(m_plan->totalRows()));
               if (m_plan->bytesEstimate() > 0)
                   text += tr(" (about %1)").arg(Format::bytes(m_plan->bytesEstimate()));
               text += tr("; cut-offs counted back from %1. Nothing was changed.").arg(Format::moment(m_plan->now));
               for (const WriterEvidence &w : m_plan->writers.writers)
                   text += tr("\nIn use: %1").arg(w.describe());
               m_summary->setText(text);
               Q_EMIT planned();
           });
}

void RetentionSection::showPlan(const RetentionPlan &plan)
{
    m_plan = plan;
    m_model->setPlan(plan);
}

void RetentionSection::recountAfterApply()
{
    const auto request = currentRequest();
    if (!request) {
        inspectStore();
        return;
    }
    // Quietly, keeping the apply's summary line: the grid shows what is left, not the figures before the apply.
    runJob(tr("retention: count again after the apply"), {}, RetentionJobs::plan(store(), request.value()),
           [this](const QVariant &v) {
               showPlan(v.value<RetentionPlan>());
               Q_EMIT planned();
               inspectStore(); // the journal is gone, or left for a resume
           });
}

void RetentionSection::apply()
{
    if (m_plan && m_plan->totalRows() > 0 && !m_readOnly)
        showDialog(*m_plan);
}

void RetentionSection::showDialog(const RetentionPlan &plan)
{
    auto *dialog = new RetentionDialog(plan, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_dialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] { startApply(dialog->plan(), dialog->options()); });
    dialog->open();
}

void RetentionSection::startApply(const RetentionPlan &plan, const RetentionApplyOptions &options)
{
    spdlog::warn("retention on {} confirmed: {} rows", plan.target.display().toStdString(), plan.totalRows());
    runJob(tr("retention apply"), tr("Deleting expired rows in %1").arg(plan.target.display()),
           RetentionJobs::apply(plan, options), [this](const QVariant &v) {
               const RetentionResult r = v.value<RetentionResult>();
               m_plan.reset();
               QString line = tr("Retention %1: %2 rows deleted in %3 batches")
                                  .arg(RetentionResult::statusName(r.status))
                                  .arg(Format::count(r.deleted))
                                  .arg(r.batches);
               if (r.archived > 0)
                   line += tr(" (%1 archived)").arg(Format::count(r.archived));
               if (r.freedBytes > 0)
                   line += tr("; %1 freed inside the file (VACUUM gives it back to the disk)")
                               .arg(Format::bytes(r.freedBytes));
               if (r.hasSafetyBackup)
                   line += tr("; safety backup %1").arg(r.safetyBackup.path);
               m_summary->setText(r.error ? QString(line + QLatin1Char('\n') + r.error.oneLine()) : line);
               Q_EMIT applied(r);
               if (r.ok())
                   Q_EMIT succeeded(line);
               else
                   Q_EMIT failed(r.error);
               recountAfterApply();
           });
}

void RetentionSection::resume()
{
    if (!m_journal)
        return;
    const Target store = this->store();
    auto request = RetentionResume::request(store, m_journal);
    if (!request)
        return fail(request.error());
    runJob(tr("retention resume"), tr("Counting what is left in %1").arg(store.display()),
           RetentionJobs::plan(store, request.value()), [this](const QVariant &v) {
               m_plan = v.value<RetentionPlan>();
               m_model->setPlan(*m_plan);
               setPolicies(m_journal ? m_journal->policies : QStringList());
               m_plan = v.value<RetentionPlan>(); // setPolicies reset it
               showDialog(*m_plan);
           });
}

void RetentionSection::saveToProfile()
{
    auto policies = RetentionPolicy::parseAll(this->policies());
    if (!policies)
        return fail(policies.error());
    const QString name = m_target.profileName;
    QStringList specs;
    for (const RetentionPolicy &p : policies.value())
        specs << p.spec();
    runJob(tr("retention: save to profile"), {}, ProfileJobs::saveRetentionPolicies(name, specs),
           [this, name](const QVariant &) { m_summary->setText(tr("Policies saved to profile %1.").arg(name)); });
}

void RetentionSection::updateButtons()
{
    const bool ready = store().isValid() && !m_busy;
    const bool hasPolicies = !policies().isEmpty();
    m_suggest->setEnabled(ready);
    m_add->setEnabled(ready);
    m_remove->setEnabled(ready && m_policies->rowCount() > 0);
    m_save->setEnabled(ready && hasPolicies && !m_target.profileName.isEmpty());
    m_save->setToolTip(m_target.profileName.isEmpty() ? tr("Open the store as a saved profile to keep "
                                                           "its policies")
                                                      : QString());
    m_dryRun->setEnabled(ready && hasPolicies);
    m_apply->setEnabled(ready && !m_readOnly && m_plan && m_plan->totalRows() > 0);
    m_resume->setVisible(m_journal.has_value());
    m_resume->setEnabled(ready && !m_readOnly && m_journal.has_value());
}

void RetentionSection::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateButtons();
}

} // namespace dbops
