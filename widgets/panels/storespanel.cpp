#include "panels/storespanel.h"

#include "common/panelchrome.h"

#include "common/errorbanner.h"
#include "common/tableviews.h"
#include "item/discoverymodel.h"
#include "item/itemroles.h"
#include "probe/discoveryjobs.h"
#include "session/targetsession.h"
#include "worker/dbworker.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace dbops {

StoresPanel::StoresPanel(TargetSession *session, DbWorker *files, QWidget *parent)
    : QWidget(parent), m_session(session), m_files(files), m_path(PanelChrome::note(this)),
      m_summary(PanelChrome::note(this)), m_refresh(PanelChrome::refreshButton(tr("Rescan"), this)),
      m_scanFolder(new QPushButton(tr("Scan its folder"), this)), m_banner(new ErrorBanner(this)),
      m_model(new DiscoveryModel(this))
{
    setObjectName(QStringLiteral("storesPanel"));
    m_banner->setObjectName(QStringLiteral("storesError"));
    auto *title = PanelChrome::title(tr("Stores in the data directory"), this);
    m_scanFolder->setToolTip(tr("List every store in the folder that holds the open SQLite file"));
    m_scanFolder->hide();

    m_view = TableViews::create(m_model, this, QStringLiteral("storesTable"), DiscoveryModel::NoteColumn);

    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(title);
    titles->addWidget(m_path);
    auto *header = new QHBoxLayout;
    header->addLayout(titles, 1);
    header->addWidget(m_scanFolder, 0, Qt::AlignBottom);
    header->addWidget(m_refresh, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);

    connect(m_refresh, &QToolButton::clicked, this, &StoresPanel::refresh);
    connect(m_scanFolder, &QPushButton::clicked, this,
            [this] { scan(QFileInfo(m_session->target().path).absolutePath()); });
    connect(m_view, &QTableView::activated, this, &StoresPanel::onActivated);
    connect(m_session, &TargetSession::targetChanged, this, &StoresPanel::onTargetChanged);
    connect(m_files, &DbWorker::jobFinished, this, &StoresPanel::onFinished);
    connect(m_files, &DbWorker::jobFailed, this, &StoresPanel::onFailed);
    onTargetChanged({});
}

void StoresPanel::onTargetChanged(const Target &target)
{
    m_requestId = 0;
    m_model->setItems({});
    m_banner->clear();
    m_directory.clear();
    m_scanFolder->setVisible(target.kind == Target::Kind::SqliteFile);
    m_refresh->setEnabled(false);
    m_summary->clear();
    m_path->clear();
    switch (target.kind) {
    case Target::Kind::DataDir: scan(target.path); break;
    case Target::Kind::SqliteFile:
        m_banner->showInfo(tr("A single SQLite file is open. This tab lists what a bot's data directory "
                              "holds: use “Scan its folder” to see the stores next to it."));
        break;
    case Target::Kind::Postgres:
        m_banner->showInfo(tr("A PostgreSQL database is open. This tab lists the files of a bot's data "
                              "directory; open one to see its stores."));
        break;
    case Target::Kind::None: break;
    }
}

void StoresPanel::refresh()
{
    if (!m_directory.isEmpty())
        scan(m_directory);
}

void StoresPanel::scan(const QString &directory)
{
    m_directory = directory;
    m_path->setText(directory);
    m_summary->setText(tr("Scanning…"));
    m_refresh->setEnabled(false);
    m_requestId = m_files->submit(QStringLiteral("discover stores"), DiscoveryJobs::scan(directory), false);
}

void StoresPanel::onFinished(quint64 id, const QVariant &result)
{
    if (id != m_requestId || !result.canConvert<DiscoveryResult>())
        return;
    const DiscoveryResult r = result.value<DiscoveryResult>();
    m_banner->clear();
    m_model->setItems(r.items, r.scannedAt);
    m_view->resizeColumnToContents(DiscoveryModel::PathColumn);
    int sqlite = 0, stale = 0;
    for (const DiscoveredItem &item : r.items) {
        sqlite += item.kind == DiscoveredItem::Kind::Sqlite;
        stale += item.kind == DiscoveredItem::Kind::LockFile && !item.lockAlive;
    }
    m_summary->setText(tr("%1 items · %2 SQLite stores · scanned %3 · double-click a SQLite store to open it")
                           .arg(r.items.size())
                           .arg(sqlite)
                           .arg(r.scannedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
    if (stale > 0)
        m_banner->showWarning(tr("%1 lock file(s) name a process that is no longer running (stale lock). "
                                 "The bot that wrote it has stopped or crashed.")
                                  .arg(stale));
    m_refresh->setEnabled(true);
}

void StoresPanel::onFailed(quint64 id, const Error &error)
{
    if (id != m_requestId)
        return;
    m_summary->clear();
    m_banner->showError(error);
    m_refresh->setEnabled(true);
    Q_EMIT errorReported(error);
}

void StoresPanel::onActivated(const QModelIndex &index)
{
    const QModelIndex kind = index.siblingAtColumn(DiscoveryModel::KindColumn);
    if (kind.data().toString() != DiscoveryModel::kindLabel(DiscoveredItem::Kind::Sqlite))
        return;
    Q_EMIT openRequested(Target::sqliteFile(index.data(ItemRole::PathRole).toString()));
}

} // namespace dbops
