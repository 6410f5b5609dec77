#include "panels/activitypanel.h"

#include "charts/historychart.h"
#include "common/errorbanner.h"
#include "common/panelchrome.h"
#include "common/tableviews.h"
#include "core/format.h"
#include "core/severityjson.h"
#include "item/itemroles.h"
#include "item/leakmodel.h"
#include "item/poolmodel.h"
#include "item/runningmodel.h"
#include "item/slowquerymodel.h"
#include "panels/sqliteactivitytext.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace dbops {

namespace {

// The pid of the selected row of a list whose rows are named by their pid (0: none selected).
int selectedPid(const QTableView *view) { return TableViews::selectedKey(view).toInt(); }

} // namespace

ActivityPanel::ActivityPanel(QWidget *parent)
    : QWidget(parent), m_banner(new ErrorBanner(this)), m_summary(new QLabel(this)), m_interval(new QSpinBox(this)),
      m_pause(new QPushButton(tr("Pause lists"), this)), m_pausedNote(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_chart(new HistoryChart(this)), m_sqliteChart(new HistoryChart(this)), m_poolModel(new PoolModel(this)),
      m_leakModel(new LeakModel(this)), m_statementModel(new SlowQueryModel(this)),
      m_runningModel(new RunningModel(this))
{
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Confirm"), question) == QMessageBox::Yes;
    };
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    auto *top = new QHBoxLayout;
    m_summary->setObjectName(QStringLiteral("activitySummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_summary, 1);
    top->addWidget(new QLabel(tr("Sample every"), this));
    m_interval->setRange(1, 5);
    m_interval->setValue(2);
    m_interval->setSuffix(tr(" s"));
    m_interval->setObjectName(QStringLiteral("activityInterval"));
    top->addWidget(m_interval);
    m_pause->setObjectName(QStringLiteral("activityPause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Hold the lists still to read a row or act on it; the chart keeps recording"));
    top->addWidget(m_pause);
    layout->addLayout(top);
    m_pausedNote->setObjectName(QStringLiteral("activityPausedNote"));
    m_pausedNote->hide();
    layout->addWidget(m_pausedNote);
    layout->addWidget(PanelChrome::scrollingBody(m_tabs, this, QStringLiteral("activityScroll")), 1);
    buildPoolTab(m_tabs);
    buildQueriesTab(m_tabs);
    buildSqliteTab(m_tabs);
    connect(m_pause, &QPushButton::toggled, this, &ActivityPanel::setPaused);
    connect(m_interval, &QSpinBox::valueChanged, this, [this](int s) {
        if (m_monitor)
            m_monitor->setIntervalMs(s * 1000);
    });
    updateActionButtons();
}

ActivityPanel::~ActivityPanel() = default;

void ActivityPanel::buildPoolTab(QTabWidget *tabs)
{
    auto *page = new QWidget(tabs);
    auto *layout = new QVBoxLayout(page);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Connections by state (drag / wheel to move and zoom, double-click to follow)"), page),
                   1);
    m_export = new QPushButton(tr("Export PNG…"), page);
    m_export->setObjectName(QStringLiteral("activityExport"));
    bar->addWidget(m_export);
    layout->addLayout(bar);
    auto *split = new QSplitter(Qt::Vertical, page);
    split->addWidget(m_chart);
    m_poolView = TableViews::create(m_poolModel, split, QStringLiteral("activityPool"));
    split->addWidget(m_poolView);
    m_leakView = TableViews::create(m_leakModel, split, QStringLiteral("activityLeaks"));
    m_leakView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_leakView, &QWidget::customContextMenuRequested, this, &ActivityPanel::showLeakMenu);
    split->addWidget(m_leakView);
    layout->addWidget(split, 1);
    tabs->addTab(page, tr("Pool"));
    connect(m_export, &QPushButton::clicked, this, [this] { exportChart(m_chart); });
}

void ActivityPanel::buildSqliteTab(QTabWidget *tabs)
{
    auto *page = new QWidget(tabs);
    auto *layout = new QVBoxLayout(page);
    auto *bar = new QHBoxLayout;
    auto *caption = new QLabel(tr("WAL, processes holding the files, write lock over time (drag / wheel to move and "
                                  "zoom, double-click to follow)"),
                               page);
    caption->setWordWrap(true); // never the reason the window is wider than the screen
    bar->addWidget(caption, 1);
    // On a row of its own: its label says plainly that it writes, and must not widen the window.
    m_activeProbes =
        new QCheckBox(tr("Active probes: write-lock probe and PASSIVE checkpoint — writes to the store"), page);
    m_activeProbes->setObjectName(QStringLiteral("activityActiveProbes"));
    m_activeProbes->setToolTip(tr("Off: monitoring only reads — who holds the write lock comes from /proc/locks and "
                                  "the WAL state from its index, so the store, its -wal and -journal stay byte for "
                                  "byte as they are.\nOn, for this target only: every sample takes the write lock "
                                  "(the bot's writer may meet the console holding it) and folds the WAL into the "
                                  "database file."));
    connect(m_activeProbes, &QCheckBox::toggled, this, &ActivityPanel::onActiveProbesToggled);
    auto *exportSqlite = new QPushButton(tr("Export PNG…"), page);
    exportSqlite->setObjectName(QStringLiteral("activitySqliteExport"));
    bar->addWidget(exportSqlite);
    layout->addLayout(bar);
    layout->addWidget(m_activeProbes);
    auto *split = new QSplitter(Qt::Vertical, page);
    m_sqliteChart->setParent(split);
    m_sqliteChart->setObjectName(QStringLiteral("activitySqliteChart"));
    split->addWidget(m_sqliteChart);
    m_sqliteView = new QLabel(split);
    m_sqliteView->setObjectName(QStringLiteral("activitySqlite"));
    m_sqliteView->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_sqliteView->setWordWrap(true);
    m_sqliteView->setTextInteractionFlags(Qt::TextSelectableByMouse);
    split->addWidget(m_sqliteView);
    layout->addWidget(split, 1);
    tabs->addTab(page, tr("Locks && WAL"));
    connect(exportSqlite, &QPushButton::clicked, this, [this] { exportChart(m_sqliteChart); });
}

void ActivityPanel::buildQueriesTab(QTabWidget *tabs)
{
    auto *page = new QWidget(tabs);
    auto *layout = new QVBoxLayout(page);
    m_statementsNote = new QLabel(page);
    m_statementsNote->setWordWrap(true);
    m_statementsNote->setObjectName(QStringLiteral("activityStatementsNote"));
    layout->addWidget(m_statementsNote);
    m_probeBar = new QWidget(page);
    auto *probeLayout = new QHBoxLayout(m_probeBar);
    probeLayout->setContentsMargins(0, 0, 0, 0);
    m_probeEdit = new QLineEdit(m_probeBar);
    m_probeEdit->setObjectName(QStringLiteral("activityProbe"));
    m_probeEdit->setPlaceholderText(tr("A query the bot runs, e.g. SELECT * FROM trades WHERE symbol = 'BTCUSDT' "
                                       "ORDER BY created_at DESC LIMIT 50"));
    auto *addProbe = new QPushButton(tr("Add probe"), m_probeBar);
    addProbe->setObjectName(QStringLiteral("activityAddProbe"));
    auto *forgetProbe = new QPushButton(tr("Forget selected probe"), m_probeBar);
    forgetProbe->setObjectName(QStringLiteral("activityForgetProbe"));
    probeLayout->addWidget(new QLabel(tr("Your probe:"), m_probeBar));
    probeLayout->addWidget(m_probeEdit, 1);
    probeLayout->addWidget(addProbe);
    probeLayout->addWidget(forgetProbe);
    layout->addWidget(m_probeBar);
    connect(addProbe, &QPushButton::clicked, this, &ActivityPanel::addProbe);
    connect(m_probeEdit, &QLineEdit::returnPressed, this, &ActivityPanel::addProbe);
    connect(forgetProbe, &QPushButton::clicked, this, &ActivityPanel::forgetSelectedProbe);
    auto *split = new QSplitter(Qt::Vertical, page);
    m_statementView =
        TableViews::create(m_statementModel, split, QStringLiteral("activityStatements"), SlowQueryModel::QueryColumn);
    m_runningView = TableViews::create(m_runningModel, split, QStringLiteral("activityRunning"));
    m_runningView->setSortingEnabled(false); // the blocking tree's order is the point
    split->addWidget(m_statementView);
    split->addWidget(m_runningView);
    m_plan = new QLabel(split);
    m_plan->setObjectName(QStringLiteral("activityPlan"));
    m_plan->setTextFormat(Qt::PlainText); // a statement's text, never markup
    m_plan->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_plan->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_plan->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    split->addWidget(m_plan);
    layout->addWidget(split, 1);
    auto *buttons = new QHBoxLayout;
    m_explain = new QPushButton(tr("EXPLAIN statement"), page);
    m_cancel = new QPushButton(tr("Cancel query…"), page);
    m_terminate = new QPushButton(tr("Terminate session…"), page);
    m_explain->setObjectName(QStringLiteral("activityExplain"));
    m_cancel->setObjectName(QStringLiteral("activityCancel"));
    m_terminate->setObjectName(QStringLiteral("activityTerminate"));
    buttons->addWidget(m_explain);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_terminate);
    layout->addLayout(buttons);
    tabs->addTab(page, tr("Queries"));
    connect(m_cancel, &QPushButton::clicked, this, [this] { signalSelected(SessionActions::Kind::Cancel); });
    connect(m_terminate, &QPushButton::clicked, this, [this] { signalSelected(SessionActions::Kind::Terminate); });
    connect(m_explain, &QPushButton::clicked, this, &ActivityPanel::explainSelected);
}

void ActivityPanel::setTarget(const Target &target, const PoolOptions &options, qint64 historySeconds)
{
    clearTarget();
    m_held.reset(); // a new target starts live, with nothing of the last one held back
    setPaused(false);
    m_monitor = new ActivityMonitor(target, this);
    m_monitor->setPoolOptions(options);
    m_monitor->setIntervalMs(m_interval->value() * 1000);
    connect(m_monitor, &ActivityMonitor::refreshed, this, &ActivityPanel::showSnapshots);
    connect(m_monitor, &ActivityMonitor::refreshFailed, this, [this](const Error &e) {
        m_banner->showError(e);
        if (e.isConnectionLoss() && !m_lastSummary.isEmpty()) {
            m_stale = true;
            updateActionButtons();
            m_summary->setText(tr("NOT LIVE — the server cannot be reached; the lists show the last reading (%1), "
                                  "and no session can be acted on from them")
                                   .arg(m_lastSummary));
        }
        Q_EMIT errorReported(e);
    });
    connect(m_monitor, &ActivityMonitor::historyFailed, this,
            [this](const Error &e) { m_banner->showWarning(tr("History not recorded: %1").arg(e.oneLine())); });
    connect(m_monitor, &ActivityMonitor::historyLoaded, m_chart, &HistoryChart::setSamples);
    connect(m_monitor, &ActivityMonitor::sqliteHistoryLoaded, m_sqliteChart, &HistoryChart::setSqliteSamples);
    connect(m_monitor, &ActivityMonitor::probesChanged, this, [this](const Error &e) {
        if (e)
            m_banner->showError(e);
        else
            m_banner->showInfo(tr("Probe queries saved for this target; timed from the next refresh on."));
    });
    connect(m_monitor, &ActivityMonitor::actionFinished, this, &ActivityPanel::onActionFinished);
    connect(m_monitor, &ActivityMonitor::explained, this, [this](const QStringList &plan, const Error &e) {
        m_plan->setText(m_explaining + QStringLiteral("\n\n") + (e ? e.oneLine() : plan.join(QLatin1Char('\n'))));
    });
    {
        const QSignalBlocker quiet(m_activeProbes); // per target: what the operator chose for this one, else off
        m_activeProbes->setChecked(target.isSqlite() && m_activeProbeTargets.contains(target.toSpec()));
    }
    m_monitor->setActiveProbes(m_activeProbes->isChecked());
    m_tabs->setTabEnabled(0, target.isPostgres());
    m_tabs->setTabEnabled(2, target.isSqlite());
    m_tabs->setCurrentIndex(target.isPostgres() ? 0 : 2);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_monitor->loadHistory(now.addSecs(-historySeconds), now);
    m_monitor->start();
    updateActionButtons();
}

void ActivityPanel::onActiveProbesToggled(bool on)
{
    if (!m_monitor || !m_monitor->target().isSqlite())
        return;
    const QString key = m_monitor->target().toSpec();
    if (on)
        m_activeProbeTargets.insert(key);
    else
        m_activeProbeTargets.remove(key);
    m_monitor->setActiveProbes(on);
    m_monitor->refreshNow();
}

void ActivityPanel::clearTarget()
{
    if (!m_monitor)
        return;
    m_monitor->stop();
    delete m_monitor;
    m_monitor = nullptr;
    m_held.reset();
    m_explaining.clear();
    m_plan->clear();
    m_poolModel->setPool({});
    m_leakModel->setSuspects({});
    m_statementModel->setStatements({});
    m_runningModel->setSnapshot({});
    m_chart->setSamples({});
    m_sqliteChart->setSqliteSamples({});
    m_walWatch.clear();
    m_probeEdit->clear();
    m_summary->clear();
    m_lastSummary.clear();
    m_stale = false;
    m_sqliteView->clear();
    m_banner->clear();
}

void ActivityPanel::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateActionButtons();
}

void ActivityPanel::updateActionButtons()
{
    const bool pg = m_monitor && m_monitor->target().isPostgres();
    m_cancel->setVisible(pg);
    m_terminate->setVisible(pg);
    m_cancel->setEnabled(!m_readOnly && !m_stale);
    m_terminate->setEnabled(!m_readOnly && !m_stale);
    m_explain->setEnabled(!m_stale);
    m_activeProbes->setEnabled(!m_readOnly); // they write to the store
    m_explain->setVisible(pg);
    m_probeBar->setVisible(m_monitor && m_monitor->target().isSqlite());
    m_activeProbes->setVisible(m_monitor && m_monitor->target().isSqlite());
}

QString ActivityPanel::summaryText() const { return m_summary->text(); }

void ActivityPanel::setPaused(bool paused)
{
    m_paused = paused;
    {
        const QSignalBlocker quiet(m_pause);
        m_pause->setChecked(paused);
    }
    m_pause->setText(paused ? tr("Resume lists") : tr("Pause lists"));
    m_pausedNote->setText(tr("Lists paused at %1: refreshes are held until you resume; the chart keeps recording.")
                              .arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    m_pausedNote->setVisible(paused);
    if (!paused && m_held) {
        const auto held = *std::exchange(m_held, std::nullopt);
        showLists(held.first, held.second);
    }
}

void ActivityPanel::showLists(const PoolSnapshot &pool, const SlowSnapshot &slow)
{
    if (pool.pg) {
        m_poolModel->setPool(*pool.pg);
        m_leakModel->setSuspects(pool.pg->leakSuspects);
    }
    m_statementModel->setStatements(slow.statements);
    m_runningModel->setSnapshot(slow);
    QString note = tr("Source: %1, threshold %2 ms").arg(slow.source).arg(slow.thresholdMs);
    if (!slow.extensionHint.isEmpty())
        note += QStringLiteral("\n") + slow.extensionHint;
    m_statementsNote->setText(note);
}

void ActivityPanel::showSnapshots(const PoolSnapshot &pool, const SlowSnapshot &slow)
{
    m_banner->clear();
    if (m_stale) {
        m_stale = false;
        updateActionButtons();
    }
    if (m_paused)
        m_held = std::make_pair(pool, slow);
    else
        showLists(pool, slow);
    QString summary;
    if (pool.pg) {
        const PgPool &p = *pool.pg;
        m_chart->appendSample(ActivitySample::fromPool(p, m_monitor ? m_monitor->intervalMs() : 2000));
        summary = tr("%1 of %2 connections (%3 %, %5 of them this console's own), %4 leak suspect(s)")
                      .arg(p.total)
                      .arg(p.availableConnections)
                      .arg(p.usagePct, 0, 'f', 1)
                      .arg(p.leakSuspects.size())
                      .arg(p.consoleCounts.total());
        if (!p.privileged) // the leak count above only covers the sessions seen
            summary += QStringLiteral("; ") + p.privilegeHint;
    } else {
        const SqliteSample sample = SqliteSample::fromPool(pool, m_monitor ? m_monitor->intervalMs() : 2000);
        m_walWatch.add(sample);
        showSqlite(pool);
        m_sqliteChart->appendSqliteSample(sample);
        summary = tr("%n SQLite store(s)", nullptr, int(pool.sqlite.size()));
    }
    const Severity worst = std::max(pool.worst(), slow.worst());
    summary += QStringLiteral(" — ") + severityName(worst);
    m_lastSummary = QLocale().toString(QTime::currentTime(), QLocale::ShortFormat) + QStringLiteral(": ") + summary;
    m_summary->setText(summary);
    Q_EMIT summaryChanged(summary, int(worst));
}

void ActivityPanel::showSqlite(const PoolSnapshot &pool)
{
    QStringList blocks;
    for (const SqlitePool &s : pool.sqlite)
        blocks << SqliteActivityText::html(s);
    if (const std::optional<WalGrowth> growth = m_walWatch.current())
        blocks.prepend(SqliteActivityText::walGrowthHtml(*growth));
    m_sqliteView->setText(blocks.join(QStringLiteral("<hr>")));
}

void ActivityPanel::signalSelected(SessionActions::Kind kind)
{
    if (!m_monitor || m_readOnly || m_stale)
        return;
    // The pid the selected row names: the selection follows its row by pid across refreshes, and is gone
    // when the session is, so the action never falls on a session that moved into its place.
    int pid = selectedPid(m_runningView);
    if (pid == 0)
        pid = selectedPid(m_leakView);
    if (pid == 0) {
        m_banner->showInfo(tr("Select a session in the running list (or a leak suspect) first."));
        return;
    }
    signalPid(kind, pid);
}

void ActivityPanel::signalPid(SessionActions::Kind kind, int pid)
{
    if (!m_monitor || m_readOnly || m_stale || pid == 0)
        return;
    const QString question = kind == SessionActions::Kind::Cancel
                                 ? tr("Cancel the running statement of session %1 (pg_cancel_backend)?").arg(pid)
                                 : tr("Terminate session %1 (pg_terminate_backend)? Its open transaction is rolled "
                                      "back and the bot loses the connection.")
                                       .arg(pid);
    if (!m_confirm(question))
        return;
    if (kind == SessionActions::Kind::Cancel)
        m_monitor->cancelSession(pid);
    else
        m_monitor->terminateSession(pid);
}

void ActivityPanel::showLeakMenu(const QPoint &pos)
{
    const QModelIndex index = m_leakView->indexAt(pos);
    if (!index.isValid() || !m_monitor || m_readOnly || m_stale || !m_monitor->target().isPostgres())
        return;
    m_leakView->selectRow(index.row());
    const int pid = index.data(ItemRole::KeyRole).toInt();
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("activityLeakMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction *terminate = menu->addAction(tr("Terminate…"));
    terminate->setObjectName(QStringLiteral("activityLeakTerminate"));
    connect(terminate, &QAction::triggered, this, [this, pid] { signalPid(SessionActions::Kind::Terminate, pid); });
    menu->popup(m_leakView->viewport()->mapToGlobal(pos));
}

void ActivityPanel::explainSelected()
{
    if (!m_monitor)
        return;
    QString query = m_statementModel->query(TableViews::selectedSourceRow(m_statementView));
    if (query.isEmpty()) {
        const int row = TableViews::selectedSourceRow(m_runningView);
        if (row >= 0)
            query =
                m_runningModel->data(m_runningModel->index(row, RunningModel::QueryColumn), Qt::ToolTipRole).toString();
    }
    if (query.isEmpty()) {
        m_banner->showInfo(tr("Select a statement first."));
        return;
    }
    m_explaining = query.simplified(); // shown above its plan: which statement the plan is of
    m_plan->setText(tr("Explaining %1…").arg(m_explaining));
    m_monitor->explain(query);
}

void ActivityPanel::onActionFinished(const QString &action, int pid, const Error &error)
{
    if (error) {
        m_banner->showError(error);
        Q_EMIT errorReported(error);
    } else {
        m_banner->showInfo(tr("%1 sent to session %2 (recorded in the audit trail).").arg(action).arg(pid));
        if (m_monitor)
            m_monitor->refreshNow();
    }
}

void ActivityPanel::addProbe()
{
    const QString sql = m_probeEdit->text().trimmed();
    if (!m_monitor || sql.isEmpty())
        return;
    m_monitor->addProbe(sql);
    m_probeEdit->clear();
}

void ActivityPanel::forgetSelectedProbe()
{
    const QString sql = m_statementModel->query(TableViews::selectedSourceRow(m_statementView));
    if (!m_monitor || sql.isEmpty()) {
        m_banner->showInfo(tr("Select one of your probes in the statements first."));
        return;
    }
    m_monitor->removeProbe(sql);
}

void ActivityPanel::exportChart(HistoryChart *chart)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), QStringLiteral("activity.png"),
                                                      tr("PNG images (*.png)"));
    if (!path.isEmpty() && !chart->exportPng(path))
        m_banner->showError(
            Error::make(ErrorCode::Io, tr("cannot write %1").arg(path), tr("choose a folder you can write to")));
}

} // namespace dbops
