#include "panels/healthpanel.h"

#include "charts/growthchart.h"
#include "charts/horizontalbarchart.h"
#include "common/errorbanner.h"
#include "common/panelchrome.h"
#include "common/tableviews.h"
#include "core/format.h"
#include "item/healthmodel.h"
#include "panels/replicationsection.h"
#include "schema/healthscan.h"
#include "worker/dbworker.h"
#include "worker/opcontrol.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace dbops {

namespace {
constexpr int kChartBars = 10;
}

HealthPanel::HealthPanel(QWidget *parent)
    : QWidget(parent), m_status(PanelChrome::note(this)), m_refresh(PanelChrome::refreshButton(tr("Scan"), this)),
      m_check(new QComboBox(this)), m_runCheck(new QPushButton(tr("Run check"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_progress(new QProgressBar(this)),
      m_banner(new ErrorBanner(this)), m_tables(new HealthTablesModel(this)), m_findings(new HealthFindingsModel(this)),
      m_chart(new HorizontalBarChart(this)), m_growth(new GrowthChart(this)),
      m_replication(new ReplicationSection(this))
{
    setObjectName(QStringLiteral("healthPanel"));
    m_status->setObjectName(QStringLiteral("healthStatus"));
    m_check->setObjectName(QStringLiteral("healthCheckKind"));
    m_runCheck->setObjectName(QStringLiteral("healthRunCheck"));
    m_cancel->setObjectName(QStringLiteral("healthCancel"));
    m_progress->setObjectName(QStringLiteral("healthProgress"));
    m_check->addItem(tr("quick_check + foreign_key_check"), int(HealthOptions::Check::Quick));
    m_check->addItem(tr("integrity_check + foreign_key_check"), int(HealthOptions::Check::Integrity));
    m_check->setToolTip(tr("SQLite checks read every page: seconds on a big store, cancellable"));
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancel->hide();
    m_tablesView = TableViews::create(m_tables, this, QStringLiteral("healthTables"));
    m_findingsView =
        TableViews::create(m_findings, this, QStringLiteral("healthFindings"), HealthFindingsModel::MessageColumn);
    m_findingsView->setWordWrap(true);
    m_tablesView->setColumnHidden(HealthTablesModel::StoreColumn, true); // until a data directory's report
    m_findingsView->setColumnHidden(HealthFindingsModel::StoreColumn, true);
    m_chart->setObjectName(QStringLiteral("healthChart"));
    m_chart->setTitle(tr("Largest tables (table + indexes)"));
    m_growth->setObjectName(QStringLiteral("healthGrowth"));

    auto *titles = new QVBoxLayout;
    titles->addWidget(PanelChrome::title(tr("Table health"), this));
    titles->addWidget(m_status);
    auto *header = new QHBoxLayout;
    header->addLayout(titles, 1);
    header->addWidget(m_check, 0, Qt::AlignBottom);
    header->addWidget(m_runCheck, 0, Qt::AlignBottom);
    header->addWidget(m_refresh, 0, Qt::AlignBottom);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    auto *charts = new QSplitter(Qt::Vertical, this);
    charts->addWidget(m_chart);
    charts->addWidget(m_growth);
    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_tablesView);
    top->addWidget(charts);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(m_findingsView);
    split->setStretchFactor(0, 3); // the tables and charts take the height a tall screen gives
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->addLayout(header);
    layout->addLayout(progressRow);
    layout->addWidget(m_banner);
    // PostgreSQL's archiving and replication under the findings, as tall as its content (hidden for SQLite).
    auto *body = new QWidget;
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(split, 1);
    bodyLayout->addWidget(m_replication);
    layout->addWidget(PanelChrome::scrollingBody(body, this, QStringLiteral("healthScroll")), 1);

    connect(m_refresh, &QToolButton::clicked, this, &HealthPanel::refresh);
    connect(m_runCheck, &QPushButton::clicked, this,
            [this] { runChecks(HealthOptions::Check(m_check->currentData().toInt()), true); });
    connect(m_cancel, &QPushButton::clicked, this, &HealthPanel::cancel);
    m_status->setText(tr("Not scanned yet"));
}

void HealthPanel::setWorker(DbWorker *worker)
{
    if (m_worker)
        disconnect(m_worker, nullptr, this, nullptr);
    m_worker = worker;
    setRunning(false);
    m_requestId = 0;
    m_quickId = 0;
    m_growthId = 0;
    if (!worker)
        return;
    connect(worker, &DbWorker::jobProgress, this, &HealthPanel::onProgress);
    connect(worker, &DbWorker::jobFinished, this, &HealthPanel::onFinished);
    connect(worker, &DbWorker::jobFailed, this, &HealthPanel::onFailed);
    const bool sqlite = worker->target().isSqlite();
    m_check->setVisible(sqlite);
    m_runCheck->setVisible(sqlite);
}

QCustomPlot *HealthPanel::growthPlot() const { return m_growth->plot(); }

void HealthPanel::setOptions(const HealthOptions &options) { m_options = options; }

void HealthPanel::setHistoryFile(const QString &file)
{
    m_historyFile = file;
    loadGrowth();
}

// The history file is read on the worker, as a file job: the GUI thread never waits on the disk.
void HealthPanel::loadGrowth()
{
    m_growthId = 0;
    if (m_historyFile.isEmpty() || !m_worker) {
        m_growth->setSnapshots({});
        return;
    }
    m_growthId = m_worker->submit(QStringLiteral("health history"), HealthScan::history(m_historyFile), false);
}

void HealthPanel::refresh()
{
    if (!m_worker || m_requestId != 0)
        return;
    HealthOptions o = m_options;
    o.check = HealthOptions::Check::None;
    o.foreignKeyCheck = false;
    if (m_worker->target().isSqlite()) {
        HealthOptions quick = o;
        quick.sizes = false;
        m_quickId = submit(quick);
    }
    m_requestId = submit(o);
}

void HealthPanel::runChecks(HealthOptions::Check check, bool foreignKeys)
{
    if (!m_worker || m_requestId != 0)
        return;
    HealthOptions o = m_options;
    o.check = check;
    o.foreignKeyCheck = foreignKeys;
    m_requestId = submit(o);
}

quint64 HealthPanel::submit(const HealthOptions &options)
{
    HealthScanRequest request;
    request.target = m_worker->target();
    request.options = options;
    request.options.now = QDateTime::currentDateTimeUtc();
    request.historyFile = m_historyFile;
    const quint64 id = m_worker->submit(QStringLiteral("health"), HealthScan::job(request));
    setRunning(true);
    return id;
}

void HealthPanel::cancel()
{
    if (m_worker && m_requestId != 0)
        m_worker->cancel(m_requestId);
}

void HealthPanel::setRunning(bool running)
{
    m_refresh->setEnabled(!running);
    m_runCheck->setEnabled(!running);
    m_cancel->setVisible(running);
    m_progress->setVisible(running);
    if (running) {
        m_progress->setRange(0, 0);
        m_progress->setFormat(tr("scanning…"));
    }
}

void HealthPanel::onProgress(quint64 id, qint64 done, qint64 total, const QString &what)
{
    if (id != m_requestId)
        return;
    m_progress->setRange(0, int(total));
    m_progress->setValue(int(done));
    m_progress->setFormat(what);
}

void HealthPanel::onFinished(quint64 id, const QVariant &result)
{
    if (id != 0 && id == m_growthId) {
        m_growthId = 0;
        m_growth->setSnapshots(result.value<QList<HealthSnapshot>>());
        return;
    }
    if (id == m_quickId) {
        m_quickId = 0;
        if (m_requestId != 0 && result.canConvert<HealthReport>()) { // the full scan is still running
            display(result.value<HealthReport>());
            m_status->setText(m_status->text() + tr(" — preliminary, reading sizes…"));
        }
        return;
    }
    if (id != m_requestId)
        return;
    m_requestId = 0;
    setRunning(false);
    if (result.canConvert<HealthReport>()) {
        m_banner->clear();
        setReport(result.value<HealthReport>());
        loadGrowth(); // the scan added its point
    }
}

void HealthPanel::onFailed(quint64 id, const Error &error)
{
    if (id != 0 && id == m_growthId) {
        m_growthId = 0; // an unreadable history leaves the chart as it was; the scan itself is not affected
        return;
    }
    if (id == m_quickId) {
        m_quickId = 0; // the full scan will say what is wrong
        return;
    }
    if (id != m_requestId)
        return;
    m_requestId = 0;
    setRunning(false);
    m_banner->showError(error);
    Q_EMIT errorReported(error);
}

void HealthPanel::setReport(const HealthReport &report)
{
    display(report);
    Q_EMIT reportLoaded(report);
}

void HealthPanel::display(const HealthReport &report)
{
    m_report = report;
    m_tables->setReport(report);
    m_findings->setReport(report);
    m_replication->setReport(report);
    // A single store names no store: its column would stand empty. Beside the table names and numbers, the
    // store is what may be cut when the width runs out (its whole path on hover), never the table.
    m_tablesView->setColumnHidden(HealthTablesModel::StoreColumn, !m_tables->hasStores());
    m_findingsView->setColumnHidden(HealthFindingsModel::StoreColumn, !m_findings->hasStores());
    TableViews::fitColumns(m_tablesView, m_tables->hasStores() ? int(HealthTablesModel::StoreColumn)
                                                               : int(HealthTablesModel::LastWriteColumn));
    int warn = 0, crit = 0;
    for (const HealthFinding &f : report.findings) {
        warn += f.severity == FindingSeverity::Warn;
        crit += f.severity == FindingSeverity::Critical;
    }
    QString text = tr("%1 — %2 tables, %3 critical, %4 warnings")
                       .arg(report.status().toUpper())
                       .arg(report.tables.size())
                       .arg(crit)
                       .arg(warn);
    if (!report.checksRun.isEmpty())
        text += tr(" (checks: %1)").arg(report.checksRun.join(QStringLiteral(", ")));
    m_status->setText(text);
    updateChart();
}

void HealthPanel::updateChart()
{
    QList<TableHealth> tables = m_report.tables;
    std::sort(tables.begin(), tables.end(),
              [](const TableHealth &a, const TableHealth &b) { return a.bytes() > b.bytes(); });
    tables = tables.mid(0, kChartBars);
    // A bar says the table's own name; the store only when two stores hold a table of that name.
    QHash<QString, int> seen;
    for (const TableHealth &t : tables)
        ++seen[t.bareName()];
    QList<HorizontalBarChart::Bar> bars;
    for (const TableHealth &t : tables) {
        const QString label = seen.value(t.bareName()) > 1 ? tr("%1 (%2)").arg(t.bareName(), t.store) : t.bareName();
        bars << HorizontalBarChart::Bar{label, t.bytes() / (1024.0 * 1024.0), Format::bytes(t.bytes()), false};
    }
    if (bars.isEmpty())
        m_chart->clear();
    else
        m_chart->setBars(bars, QStringLiteral("MiB"));
}

} // namespace dbops
