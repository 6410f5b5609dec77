#include "panels/overviewpanel.h"

#include "common/panelchrome.h"

#include "alert/alertjobs.h"
#include "charts/horizontalbarchart.h"
#include "common/errorbanner.h"
#include "common/severitydelegate.h"
#include "common/tableviews.h"
#include "core/format.h"
#include "item/overviewstoresmodel.h"
#include "item/tablenamesmodel.h"
#include "panels/overviewfacts.h"
#include "panels/statusboardview.h"
#include "probe/overviewjobs.h"
#include "session/targetsession.h"
#include "worker/dbworker.h"

#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QStyle>
#include <QTableView>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

namespace dbops {

OverviewPanel::OverviewPanel(TargetSession *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    qRegisterMetaType<dbops::Overview>();
    qRegisterMetaType<dbops::StatusBoard>();
    setObjectName(QStringLiteral("overviewPanel"));
    buildUi();
    connect(m_session, &TargetSession::targetChanged, this, &OverviewPanel::onTargetChanged);
    connect(m_session, &TargetSession::stateChanged, this, &OverviewPanel::onStateChanged);
    connect(m_refresh, &QToolButton::clicked, this, &OverviewPanel::refresh);
}

void OverviewPanel::buildUi()
{
    m_title = PanelChrome::title(tr("No target"), this, 1.35);
    m_title->setObjectName(QStringLiteral("overviewTitle"));
    m_subtitle = PanelChrome::note(this);
    m_schema = new QLabel(this);
    m_schema->setObjectName(QStringLiteral("overviewSchema"));
    m_schema->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_updated = PanelChrome::note(this);
    m_refresh = PanelChrome::refreshButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("overviewRefresh"));
    m_refresh->setToolTip(tr("Read the overview again (F5)"));

    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    titles->addWidget(m_schema);
    auto *header = new QHBoxLayout;
    header->addLayout(titles, 1);
    header->addWidget(m_updated, 0, Qt::AlignBottom);
    header->addWidget(m_refresh, 0, Qt::AlignBottom);

    m_banner = new ErrorBanner(this);
    m_banner->setObjectName(QStringLiteral("overviewError"));
    m_board = new StatusBoardView(this);
    connect(m_board, &StatusBoardView::panelRequested, this, &OverviewPanel::panelRequested);

    auto *summaryBox = new QGroupBox(tr("Summary"), this);
    m_facts = new OverviewFacts(summaryBox);
    (new QVBoxLayout(summaryBox))->addWidget(m_facts);
    auto *chartBox = new QGroupBox(tr("At a glance"), this);
    m_chart = new HorizontalBarChart(chartBox);
    m_chart->setObjectName(QStringLiteral("overviewChart"));
    (new QVBoxLayout(chartBox))->addWidget(m_chart);
    auto *top = new QHBoxLayout;
    top->setSpacing(12);
    top->addWidget(summaryBox, 4);
    top->addWidget(chartBox, 5);

    m_stores = new OverviewStoresModel(this);
    m_storesBox = new QGroupBox(tr("Stores"), this);
    auto *storesView = TableViews::create(m_stores, m_storesBox, QStringLiteral("overviewStores"));
    storesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents); // a handful of rows
    storesView->horizontalHeader()->setSectionResizeMode(OverviewStoresModel::StoreColumn, QHeaderView::Stretch);
    storesView->horizontalHeader()->setStretchLastSection(false);
    (new QVBoxLayout(m_storesBox))->addWidget(storesView);
    m_tables = new TableNamesModel(this);
    m_tablesBox = new QGroupBox(tr("Tables"), this);
    m_tablesView = TableViews::create(m_tables, m_tablesBox, QStringLiteral("overviewTables"));
    m_tablesView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    (new QVBoxLayout(m_tablesBox))->addWidget(m_tablesView);
    auto *bottom = new QHBoxLayout;
    bottom->setSpacing(12);
    bottom->addWidget(m_storesBox, 5);
    bottom->addWidget(m_tablesBox, 4);

    // The board, the summary and the grids scroll together under a fixed header, so a small screen (1280x800)
    // scrolls the Overview instead of pushing the window's status bar below the screen's edge.
    auto *body = new QWidget;
    body->setObjectName(QStringLiteral("overviewBody"));
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(12);
    bodyLayout->addWidget(m_board);
    bodyLayout->addLayout(top);
    bodyLayout->addLayout(bottom, 1);
    QScrollArea *scroll = PanelChrome::scrollingBody(body, this, QStringLiteral("overviewScroll"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(12);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(scroll, 1);
    m_storesBox->hide();
}

void OverviewPanel::onTargetChanged()
{
    const Target &t = m_session->target();
    m_hasOverview = false;
    m_overview = {};
    m_banner->clear();
    m_board->clear();
    m_facts->clear();
    m_chart->clear();
    m_chart->setTitle({});
    m_stores->setOverview({});
    m_tables->setOverview({});
    m_storesBox->setVisible(t.kind == Target::Kind::DataDir);
    m_tablesView->setColumnHidden(TableNamesModel::StoreColumn, t.kind != Target::Kind::DataDir);
    const QString name = t.isPostgres() ? t.databaseName() : QFileInfo(t.path).fileName();
    m_title->setText(t.profileName.isEmpty() ? name : QStringLiteral("%1 — %2").arg(t.profileName, name));
    m_subtitle->setText(t.display());
    showSchema(tr("schema: reading…"), {});
    m_updated->setText(tr("Reading…"));
    m_lastState = ConnectionMonitor::State::Connecting;
    refresh();
}

void OverviewPanel::onStateChanged(ConnectionMonitor::State state)
{
    // Back after a lost connection (or first connected after a failed read): read again.
    if (state == ConnectionMonitor::State::Connected && m_lastState != ConnectionMonitor::State::Connected &&
        m_lastState != ConnectionMonitor::State::Connecting)
        refresh();
    m_lastState = state;
}

void OverviewPanel::refresh()
{
    DbWorker *worker = m_session->worker();
    if (!worker)
        return;
    // A reply from the previous target's worker cannot arrive (that worker is gone); the id guards against
    // overlapping refreshes on this one.
    connect(worker, &DbWorker::jobFinished, this, &OverviewPanel::onJobFinished, Qt::UniqueConnection);
    connect(worker, &DbWorker::jobFailed, this, &OverviewPanel::onJobFailed, Qt::UniqueConnection);
    const SessionOptions options = m_session->options();
    // The schema line is read in the same job, on the worker: the remembered folder too (a file read).
    m_requestId = worker->submit(QStringLiteral("overview"), OverviewJobs::read(worker->target(), options));
    // The board after the overview, on the same worker (PostgreSQL: on its connection, no session of its own).
    m_statusRequestId = worker->submit(QStringLiteral("status"), AlertJobs::evaluateStatus(worker->target(), options));
    m_board->setReading();
    m_refresh->setEnabled(false);
}

void OverviewPanel::onJobFinished(quint64 id, const QVariant &result)
{
    if (id == m_statusRequestId && result.canConvert<StatusBoard>()) {
        const StatusBoard board = result.value<StatusBoard>();
        m_board->setBoard(board);
        Q_EMIT statusLoaded(board);
        return;
    }
    if (id != m_requestId)
        return;
    m_refresh->setEnabled(true);
    if (!result.canConvert<Overview>())
        return;
    m_banner->clear();
    showOverview(result.value<Overview>());
}

void OverviewPanel::onJobFailed(quint64 id, const Error &error)
{
    if (id == m_statusRequestId) {
        StatusBoard board;
        board.error = error;
        m_board->setBoard(board);
        return;
    }
    if (id != m_requestId)
        return;
    m_refresh->setEnabled(true);
    m_updated->setText(tr("Failed at %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    m_banner->showError(error);
    showSchema({}, {});
    Q_EMIT errorReported(error);
}

void OverviewPanel::showOverview(const Overview &overview)
{
    m_overview = overview;
    m_hasOverview = true;
    m_facts->setOverview(overview);
    m_stores->setOverview(overview);
    m_tables->setOverview(overview);
    m_tablesBox->setTitle(tr("Tables (%1)").arg(overview.tables.size()));
    showSchema(overview.schema, overview.schemaStatus);
    m_storesBox->setTitle(tr("Stores (%1)").arg(overview.stores.size()));
    if (!overview.problems.isEmpty())
        m_banner->showWarning(overview.problems.join(QLatin1Char('\n')));
    updateChart(overview);
    m_updated->setText(tr("Updated %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    Q_EMIT overviewLoaded(overview);
}

QString OverviewPanel::schemaLine() const { return m_schema->text(); }

void OverviewPanel::showSchema(const QString &line, const QString &status)
{
    m_schema->setText(line);
    m_schema->setVisible(!line.isEmpty());
    const Severity severity = status == QLatin1String("critical") ? Severity::Critical
                              : status == QLatin1String("warn")   ? Severity::Warning
                              : status == QLatin1String("ok")     ? Severity::Normal
                                                                  : Severity::Quiet;
    QPalette p = palette();
    p.setColor(QPalette::WindowText, SeverityDelegate::color(severity, palette()));
    m_schema->setPalette(p);
}

void OverviewPanel::updateChart(const Overview &o)
{
    using Bar = HorizontalBarChart::Bar;
    QList<Bar> bars;
    constexpr double MiB = 1024.0 * 1024.0;
    if (o.engine == QLatin1String("postgresql")) {
        const int usable = o.maxConnections - o.reservedConnections;
        bars.append({tr("In use"), double(o.connections), QString::number(o.connections),
                     usable > 0 && o.connections * 5 >= usable * 4});
        bars.append({tr("Reserved"), double(o.reservedConnections), QString::number(o.reservedConnections)});
        m_chart->setTitle(tr("Connections against max_connections"));
        m_chart->setBars(bars, QStringLiteral("connections"), o.maxConnections, tr("max %1").arg(o.maxConnections));
    } else if (!o.stores.isEmpty()) {
        const QDir root(o.database);
        for (const Overview &s : o.stores)
            bars.append({root.relativeFilePath(s.database), double(s.sizeBytes + s.walBytes) / MiB,
                         Format::bytes(s.sizeBytes + s.walBytes), s.walBytes > s.sizeBytes});
        m_chart->setTitle(tr("Store size (file + WAL)"));
        m_chart->setBars(bars, QStringLiteral("MiB"));
    } else {
        const qint64 free = o.freelistCount * o.pageSize;
        const qint64 used = o.pageCount * o.pageSize - free;
        bars.append({tr("Used pages"), double(used) / MiB, Format::bytes(used)});
        bars.append({tr("Free pages"), double(free) / MiB, Format::bytes(free), free * 4 > used});
        bars.append({tr("WAL"), double(o.walBytes) / MiB, Format::bytes(o.walBytes), o.walBytes > used});
        m_chart->setTitle(tr("Where the file's bytes are"));
        m_chart->setBars(bars, QStringLiteral("MiB"));
    }
}

} // namespace dbops
