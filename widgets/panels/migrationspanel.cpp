#include "panels/migrationspanel.h"

#include "charts/chartticks.h"
#include "common/errorbanner.h"
#include "common/panelchrome.h"
#include "common/tableviews.h"
#include "item/migrationsmodel.h"
#include "schema/migrationjobs.h"
#include "schema/timevalue.h"
#include "worker/dbworker.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace dbops {

MigrationsPanel::MigrationsPanel(QWidget *parent)
    : QWidget(parent), m_summary(PanelChrome::note(this)), m_folder(new QLineEdit(this)),
      m_browse(new QToolButton(this)), m_refresh(PanelChrome::refreshButton(tr("Refresh"), this)),
      m_banner(new ErrorBanner(this)), m_model(new MigrationsModel(this)), m_timeline(new QCustomPlot(this))
{
    setObjectName(QStringLiteral("migrationsPanel"));
    m_summary->setObjectName(QStringLiteral("migrationsSummary"));
    m_folder->setObjectName(QStringLiteral("migrationsFolder"));
    m_folder->setPlaceholderText(tr("Migrations folder to compare with (optional)"));
    m_browse->setText(tr("Choose…"));
    m_view = TableViews::create(m_model, this, QStringLiteral("migrationsTable"), MigrationsModel::NameColumn);
    m_timeline->setObjectName(QStringLiteral("migrationsTimeline"));
    m_timeline->setMinimumHeight(140);

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->addWidget(PanelChrome::title(tr("Migrations"), this));
    titles->addWidget(m_summary);
    header->addLayout(titles, 1);
    header->addWidget(m_refresh, 0, Qt::AlignBottom);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_timeline);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addLayout(folderRow);
    layout->addWidget(split, 1);

    connect(m_refresh, &QToolButton::clicked, this, &MigrationsPanel::refresh);
    connect(m_browse, &QToolButton::clicked, this, &MigrationsPanel::chooseFolder);
    connect(m_folder, &QLineEdit::editingFinished, this, [this] { useChosenFolder(folder()); });
    m_summary->setText(tr("Not read yet"));
}

void MigrationsPanel::setWorker(DbWorker *worker)
{
    if (m_worker)
        disconnect(m_worker, nullptr, this, nullptr);
    m_worker = worker;
    m_requestId = 0;
    if (!worker)
        return;
    m_target = worker->target();
    m_folder->setText(m_memory.folderFor(m_target));
    connect(worker, &DbWorker::jobFinished, this, &MigrationsPanel::onFinished);
    connect(worker, &DbWorker::jobFailed, this, &MigrationsPanel::onFailed);
}

void MigrationsPanel::setFolder(const QString &folder) { m_folder->setText(folder); }

QString MigrationsPanel::folder() const { return m_folder->text().trimmed(); }

void MigrationsPanel::refresh()
{
    if (!m_worker)
        return;
    m_requestId = m_worker->submit(QStringLiteral("migrations"), MigrationJobs::read(m_worker->target(), folder()));
    m_refresh->setEnabled(false);
}

void MigrationsPanel::onFinished(quint64 id, const QVariant &result)
{
    if (id != m_requestId)
        return;
    m_refresh->setEnabled(true);
    if (result.canConvert<MigrationReport>()) {
        m_banner->clear();
        setReport(result.value<MigrationReport>());
    }
}

void MigrationsPanel::onFailed(quint64 id, const Error &error)
{
    if (id != m_requestId)
        return;
    m_refresh->setEnabled(true);
    m_banner->showError(error);
    Q_EMIT errorReported(error);
}

namespace {
// The folders the report was compared with when the field names none (found beside the store): the field's
// placeholder says so, and where.
QString foundFolders(const MigrationReport &report)
{
    QStringList found;
    for (const MigrationState &s : report.tools)
        if (!s.folder.isEmpty() && s.folderSource != QLatin1String("option") && !found.contains(s.folder))
            found << s.folder;
    return found.join(QStringLiteral(", "));
}
} // namespace

void MigrationsPanel::setReport(const MigrationReport &report)
{
    m_model->setReport(report);
    m_summary->setText(report.summary());
    const QString found = foundFolders(report);
    m_folder->setPlaceholderText(found.isEmpty() ? tr("Migrations folder to compare with (optional)")
                                                 : tr("Compared with %1, found beside the store (choose another to "
                                                      "compare with it)")
                                                       .arg(found));
    QStringList notes;
    for (const MigrationState &s : report.tools) {
        if (s.dirty || s.locked || !s.unreadable.isEmpty())
            notes << s.summary();
        notes << s.notes;
    }
    notes << report.problems;
    if (!notes.isEmpty())
        m_banner->showWarning(notes.join(QLatin1Char('\n')));
    updateTimeline(report);
    Q_EMIT reportLoaded(report);
}

const MigrationReport &MigrationsPanel::report() const { return m_model->report(); }

QString MigrationsPanel::summary() const { return m_model->report().summary(); }

void MigrationsPanel::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Migrations folder"), folder());
    if (dir.isEmpty())
        return;
    m_folder->setText(dir);
    useChosenFolder(dir);
}

void MigrationsPanel::useChosenFolder(const QString &folder)
{
    if (Error e = m_memory.remember(m_target, folder)) {
        m_banner->showError(e);
        Q_EMIT errorReported(e);
    }
    Q_EMIT folderChosen(folder);
    refresh();
}

// One step line per tool: migrations applied so far against time.
void MigrationsPanel::updateTimeline(const MigrationReport &report)
{
    m_timeline->clearGraphs();
    // Dates spaced by what fits; whole numbers of migrations.
    ChartTicks::time(m_timeline->xAxis);
    ChartTicks::values(m_timeline->yAxis, true);
    m_timeline->yAxis->setLabel(QStringLiteral("applied"));
    double minX = 0, maxX = 0, maxY = 0;
    for (const MigrationState &s : report.tools) {
        // One step per applied row (each name counts, even where versions repeat), in time order: the rows
        // come in the tool's own order, which need not be the time's.
        QVector<double> x, y;
        for (const MigrationEntry &e : s.applied) {
            const QDateTime at = TimeValue::parse(e.appliedAt);
            if (at.isValid())
                x << at.toSecsSinceEpoch();
        }
        std::sort(x.begin(), x.end());
        for (int i = 0; i < x.size(); ++i)
            y << i + 1;
        if (x.isEmpty())
            continue;
        QCPGraph *g = m_timeline->addGraph();
        g->setName(s.tool);
        g->setLineStyle(QCPGraph::lsStepLeft);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        g->setData(x, y, false);
        minX = minX == 0 ? x.first() : std::min(minX, *std::min_element(x.begin(), x.end()));
        maxX = std::max(maxX, *std::max_element(x.begin(), x.end()));
        maxY = std::max(maxY, y.last());
    }
    if (m_timeline->graphCount() > 0) {
        const double pad = std::max(3600.0, (maxX - minX) * 0.05);
        m_timeline->xAxis->setRange(minX - pad, maxX + pad);
        m_timeline->yAxis->setRange(0, maxY + 1);
    }
    m_timeline->replot();
}

} // namespace dbops
