#include "cleanup/maintenancesection.h"

#include "common/errorbanner.h"
#include "common/panelchrome.h"
#include "core/format.h"
#include "maintenance/maintenancejobs.h"
#include "probe/discoveryjobs.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace dbops {

namespace {

QString sizesLine(const StoreSizes &s)
{
    QString line = Format::bytes(s.databaseBytes);
    if (s.walBytes > 0)
        line += MaintenanceSection::tr(" + WAL %1").arg(Format::bytes(s.walBytes));
    if (s.pageCount >= 0)
        line += MaintenanceSection::tr(" — %1 pages, %2 free; auto_vacuum %3; journal %4")
                    .arg(s.pageCount)
                    .arg(s.freelistPages)
                    .arg(s.autoVacuum, s.journalMode);
    return line;
}

QString describeOp(MaintenanceOp op, bool postgres)
{
    switch (op) {
    case MaintenanceOp::Vacuum:
        return postgres ? MaintenanceSection::tr("VACUUM (ANALYZE)")
                        : MaintenanceSection::tr("VACUUM (rewrites the file)");
    case MaintenanceOp::Analyze: return MaintenanceSection::tr("ANALYZE");
    case MaintenanceOp::Reindex: return MaintenanceSection::tr("REINDEX CONCURRENTLY");
    case MaintenanceOp::Optimize: return MaintenanceSection::tr("PRAGMA optimize");
    case MaintenanceOp::Checkpoint: return MaintenanceSection::tr("WAL checkpoint");
    case MaintenanceOp::IncrementalVacuum: return MaintenanceSection::tr("incremental vacuum");
    }
    return {};
}

} // namespace

MaintenanceSection::MaintenanceSection(DbWorker *ops, QWidget *parent)
    : CleanupSection(ops, parent), m_store(new QComboBox(this)), m_storeLabel(new QLabel(this)),
      m_op(new QComboBox(this)), m_tables(new QLineEdit(this)), m_tablesLabel(new QLabel(tr("Tables"), this)),
      m_mode(new QComboBox(this)), m_modeLabel(new QLabel(tr("Mode"), this)),
      m_previewButton(new QPushButton(tr("Preview"), this)), m_runButton(new QPushButton(tr("Run…"), this)),
      m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("maintenanceSection"));
    body()->addWidget(PanelChrome::note(
        this, tr("VACUUM, ANALYZE, REINDEX CONCURRENTLY (PostgreSQL); VACUUM, incremental vacuum, "
                 "optimize, WAL checkpoint (SQLite). Preview first: nothing changes until you confirm.")));
    auto *form = new QFormLayout;
    m_store->setObjectName(QStringLiteral("maintenanceStore"));
    m_op->setObjectName(QStringLiteral("maintenanceOp"));
    m_tables->setObjectName(QStringLiteral("maintenanceTables"));
    m_tables->setPlaceholderText(tr("public.candles, public.ticks — empty: the whole database"));
    m_mode->setObjectName(QStringLiteral("maintenanceMode"));
    m_mode->addItem(tr("PASSIVE (never waits)"), false);
    m_mode->addItem(tr("TRUNCATE (waits for readers, empties the WAL)"), true);
    form->addRow(m_storeLabel, m_store);
    form->addRow(tr("Operation"), m_op);
    form->addRow(m_tablesLabel, m_tables);
    form->addRow(m_modeLabel, m_mode);
    body()->addLayout(form);
    auto *buttons = new QHBoxLayout;
    m_previewButton->setObjectName(QStringLiteral("maintenancePreview"));
    m_runButton->setObjectName(QStringLiteral("maintenanceRun"));
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_runButton);
    buttons->addStretch(1);
    body()->addLayout(buttons);
    m_text->setObjectName(QStringLiteral("maintenanceText"));
    m_text->setReadOnly(true);
    m_text->setPlaceholderText(tr("Preview to see the store's sizes and what would run."));
    body()->addWidget(m_text, 1);

    const auto invalidate = [this] {
        m_plan.reset();
        updateButtons();
    };
    connect(m_op, &QComboBox::currentIndexChanged, this, invalidate);
    connect(m_store, &QComboBox::currentIndexChanged, this, invalidate);
    connect(m_mode, &QComboBox::currentIndexChanged, this, invalidate);
    connect(m_tables, &QLineEdit::textChanged, this, invalidate);
    connect(m_previewButton, &QPushButton::clicked, this, &MaintenanceSection::preview);
    connect(m_runButton, &QPushButton::clicked, this, &MaintenanceSection::runConfirmed);
    updateButtons();
}

void MaintenanceSection::setTarget(const Target &target, const SessionOptions &options)
{
    m_plan.reset();
    m_last.reset();
    m_text->clear();
    m_store->clear();
    CleanupSection::setTarget(target, options);
    fillOperations();
    if (target.kind == Target::Kind::DataDir) {
        // The stores of a data directory are found on the worker (a folder walk is file work).
        const QString dir = target.path;
        runJob(
            tr("find stores"), DiscoveryJobs::sqliteStores(dir),
            [this, dir](const QVariant &v) {
                for (const QString &path : v.toStringList())
                    m_store->addItem(path.mid(dir.size() + 1), path);
                updateButtons();
            },
            false);
    } else if (target.isValid()) {
        m_store->addItem(target.display(), QString());
    }
    updateButtons();
}

void MaintenanceSection::fillOperations()
{
    const QSignalBlocker block(m_op);
    m_op->clear();
    if (!target().isValid())
        return;
    for (MaintenanceOp op : Maintenance::opsFor(target().engine()))
        m_op->addItem(describeOp(op, target().isPostgres()), int(op));
}

Target MaintenanceSection::effectiveTarget() const
{
    if (target().kind != Target::Kind::DataDir)
        return target();
    const QString path = m_store->currentData().toString();
    return path.isEmpty() ? Target{} : Target::sqliteFile(path);
}

MaintenanceRequest MaintenanceSection::request() const
{
    MaintenanceRequest r;
    r.op = MaintenanceOp(m_op->currentData().toInt());
    for (const QString &t : m_tables->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty())
            r.tables << t.trimmed();
    r.truncate = m_mode->currentData().toBool();
    r.session.password = sessionOptions().password;
    return r;
}

void MaintenanceSection::updateButtons()
{
    const bool pg = target().isPostgres();
    const MaintenanceOp op = MaintenanceOp(m_op->currentData().toInt());
    const bool dataDir = target().kind == Target::Kind::DataDir;
    m_storeLabel->setText(dataDir ? tr("Store") : tr("Target"));
    m_store->setEnabled(dataDir);
    m_tables->setVisible(pg);
    m_tablesLabel->setVisible(pg);
    m_mode->setVisible(!pg && op == MaintenanceOp::Checkpoint);
    m_modeLabel->setVisible(m_mode->isVisible());
    const bool ready = effectiveTarget().isValid() && m_op->count() > 0 && !isBusy();
    m_previewButton->setEnabled(ready);
    m_runButton->setEnabled(ready && !isReadOnly() && m_plan && !m_plan->refused());
    m_runButton->setToolTip(m_plan ? QString() : tr("Preview first"));
}

QString MaintenanceSection::previewText() const { return m_text->toPlainText(); }

void MaintenanceSection::preview()
{
    const Target t = effectiveTarget();
    const MaintenanceRequest r = request();
    m_text->setPlainText(tr("Reading the store…"));
    runJob(
        tr("maintenance preview"), MaintenanceJobs::preview(t, r),
        [this](const QVariant &v) { showPlan(v.value<MaintenancePlan>()); }, false);
}

void MaintenanceSection::showPlan(const MaintenancePlan &plan)
{
    m_plan = plan;
    QStringList lines{tr("Store: %1").arg(plan.target.display()), tr("Size now: %1").arg(sizesLine(plan.sizes))};
    for (const TableSizes &t : plan.tableSizes)
        lines << tr("Table %1: %2, %3 live / %4 dead rows")
                     .arg(t.table, Format::bytes(t.bytes))
                     .arg(t.liveRows)
                     .arg(t.deadRows);
    if (plan.spaceNeeded > 0)
        lines << tr("Free space: %1 needed, %2 available")
                     .arg(Format::bytes(plan.spaceNeeded), Format::bytes(plan.spaceAvailable));
    lines << QString() << tr("Would run:");
    for (const QString &s : plan.statements)
        lines << QStringLiteral("  ") + s;
    if (!plan.warnings.isEmpty())
        lines << QString() << tr("Notes:");
    for (const QString &w : plan.warnings)
        lines << QStringLiteral("  • ") + w;
    m_text->setPlainText(lines.join(QLatin1Char('\n')));
    if (plan.refused())
        banner()->showWarning(tr("Refused: ") + plan.refusal.oneLine());
    updateButtons();
}

void MaintenanceSection::runConfirmed()
{
    if (!m_plan || m_plan->refused() || isReadOnly())
        return;
    const MaintenancePlan plan = m_plan.value();
    ConfirmRequest c;
    c.title = tr("%1 on %2").arg(describeOp(plan.request.op, plan.target.isPostgres()), plan.target.databaseName());
    c.summary = tr("These statements run on %1, each on a session of their own; you can cancel while "
                   "they run. The run is recorded in the audit trail.")
                    .arg(plan.target.display());
    c.items = plan.statements;
    c.warnings = plan.warnings;
    c.word = plan.target.databaseName().isEmpty() ? Maintenance::opName(plan.request.op) : plan.target.databaseName();
    c.action = tr("Run");
    confirm(c, [this, plan] {
        const Target t = plan.target;
        const MaintenanceRequest r = plan.request;
        runJob(
            QStringLiteral("%1 %2").arg(Maintenance::opName(r.op), t.databaseName()), MaintenanceJobs::run(t, r),
            [this](const QVariant &v) { showRunResult(v.value<MaintenanceResult>()); }, true);
    });
}

void MaintenanceSection::showRunResult(const MaintenanceResult &r)
{
    m_last = r;
    m_plan.reset();
    QStringList lines{tr("%1: %2 in %3 ms")
                          .arg(Maintenance::opName(r.plan.request.op), MaintenanceResult::statusName(r.status))
                          .arg(r.durationMs),
                      tr("Before: %1").arg(sizesLine(r.before))};
    if (r.after.databaseBytes >= 0)
        lines << tr("After: %1 (freed %2)").arg(sizesLine(r.after), Format::bytes(r.bytesFreed()));
    for (const TableSizes &t : r.tablesAfter)
        lines << tr("Table %1 now: %2, %3 dead rows").arg(t.table, Format::bytes(t.bytes)).arg(t.deadRows);
    if (r.checkpoint.ran)
        lines << tr("Checkpoint: busy %1, WAL frames %2, checkpointed %3")
                     .arg(r.checkpoint.busy)
                     .arg(r.checkpoint.logFrames)
                     .arg(r.checkpoint.checkpointedFrames);
    for (const ProgressSample &s : r.progress)
        lines << tr("Progress seen: %1 %2 — %3").arg(s.command, s.table, s.phase);
    lines << r.notes;
    if (r.error)
        lines << r.error.oneLine();
    m_text->setPlainText(lines.join(QLatin1Char('\n')));
    showResult(lines.mid(0, 3).join(QStringLiteral(" · ")), r.ok());
    if (r.ok())
        Q_EMIT succeeded(lines.first());
    else {
        banner()->showError(r.error);
        Q_EMIT errorReported(r.error);
    }
    updateButtons();
}

} // namespace dbops
