#include "panels/backupspanel.h"

#include "charts/backuptimeline.h"
#include "common/errorbanner.h"
#include "common/jobprogressstrip.h"
#include "common/panelchrome.h"
#include "common/tableviews.h"
#include "item/backupcatalogmodel.h"
#include "item/itemroles.h"
#include "ops/backupnaming.h"
#include "ops/backupservice.h"
#include "ops/catalogjobs.h"
#include "ops/protectrunner.h"
#include "panels/sideinstancesection.h"
#include "pitr/pitrjobs.h"
#include "session/backupactions.h"
#include "session/targetsession.h"
#include "worker/dbworker.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace dbops {

BackupsPanel::BackupsPanel(TargetSession *session, DbWorker *files, BackupActions *actions, QWidget *parent)
    : QWidget(parent), m_session(session), m_files(files), m_actions(actions), m_folder(PanelChrome::note(this)),
      m_empty(PanelChrome::note(this)), m_backup(new QPushButton(tr("Back up now"), this)),
      m_verify(new QPushButton(tr("Verify"), this)), m_restore(new QPushButton(tr("Restore…"), this)),
      m_undo(new QPushButton(tr("Put the safety backup back…"), this)),
      m_refresh(PanelChrome::refreshButton(tr("&Refresh"), this)), m_chooseFolder(new QToolButton(this)),
      m_onlyThisTarget(new QCheckBox(tr("Only backups of the current target"), this)), m_banner(new ErrorBanner(this)),
      m_model(new BackupCatalogModel(this)), m_progress(new JobProgressStrip(JobProgressStrip::Shape::Row, this)),
      m_timeline(new BackupTimeline(this)), m_protect(new ProtectRunner(files, this))
{
    setObjectName(QStringLiteral("backupsPanel"));
    m_banner->setObjectName(QStringLiteral("backupsBanner"));
    m_backup->setObjectName(QStringLiteral("backupNow"));
    m_backup->setToolTip(tr("A consistent copy while the bot keeps writing, with a manifest (size, "
                            "SHA-256, row counts) beside it"));
    m_verify->setObjectName(QStringLiteral("backupVerify"));
    m_verify->setToolTip(tr("Checksum, integrity check and row counts against the manifest"));
    m_restore->setObjectName(QStringLiteral("backupRestore"));
    m_restore->setToolTip(tr("Shows what the restore changes, who is writing, and asks you to type the "
                             "database name; a safety backup is taken first"));
    m_undo->setObjectName(QStringLiteral("restoreUndo"));
    m_undo->setToolTip(tr("The restore failed its check: restore the safety backup taken just before it "
                          "(same preview and typed confirmation)"));
    m_undo->hide();
    m_chooseFolder->setText(tr("Folder…"));
    m_onlyThisTarget->setObjectName(QStringLiteral("backupsOnlyTarget"));
    m_onlyThisTarget->setChecked(true);
    m_empty->setObjectName(QStringLiteral("backupsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->hide();

    m_view = TableViews::create(m_model, this, QStringLiteral("backupsTable"), BackupCatalogModel::SourceColumn);

    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(PanelChrome::title(tr("Backups"), this));
    titles->addWidget(m_folder);
    auto *header = new QHBoxLayout;
    header->addLayout(titles, 1);
    header->addWidget(m_chooseFolder, 0, Qt::AlignBottom);
    header->addWidget(m_refresh, 0, Qt::AlignBottom);
    auto *actionsRow = new QHBoxLayout;
    actionsRow->addWidget(m_backup);
    actionsRow->addLayout(buildBackupOptions(), 1);
    actionsRow->addWidget(m_verify);
    actionsRow->addWidget(m_restore);
    auto *filterRow = new QHBoxLayout;
    filterRow->addLayout(buildProtectRow(), 1); // its state label takes the room up to the filter box
    filterRow->addWidget(m_onlyThisTarget);
    m_progress->setObjectName(QStringLiteral("backupProgress"));
    m_progress->hide();
    m_actions->setProgressStrip(m_progress);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_undo, 0, Qt::AlignLeft);
    layout->addLayout(actionsRow);
    layout->addWidget(m_progress);
    layout->addLayout(filterRow);
    layout->addWidget(m_timeline, 3);
    // PostgreSQL with a pgBackRest stanza only. Made after the tab's own buttons, which get their mnemonics first.
    m_side = new SideInstanceSection(session, files, this);
    layout->addWidget(m_side);
    layout->addWidget(m_view, 2);
    layout->addWidget(m_empty);

    connect(m_refresh, &QToolButton::clicked, this, &BackupsPanel::refresh);
    connect(m_chooseFolder, &QToolButton::clicked, this, &BackupsPanel::chooseFolder);
    connect(m_onlyThisTarget, &QCheckBox::toggled, this, &BackupsPanel::refresh);
    connect(m_backup, &QPushButton::clicked, this, &BackupsPanel::backupNow);
    connect(m_verify, &QPushButton::clicked, this, &BackupsPanel::verifySelected);
    connect(m_restore, &QPushButton::clicked, this, &BackupsPanel::restoreSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BackupsPanel::updateButtons);
    connect(m_timeline, &BackupTimeline::backupClicked, this, &BackupsPanel::restoreBackup);
    connect(m_timeline, &BackupTimeline::momentClicked, this, &BackupsPanel::restoreMoment);
    connect(m_timeline, &BackupTimeline::pitrMomentClicked, m_side, &SideInstanceSection::restoreAt);
    connect(m_side, &SideInstanceSection::errorReported, this, &BackupsPanel::errorReported);
    connect(m_undo, &QPushButton::clicked, this, [this] {
        m_undo->hide();
        m_actions->restore(m_undoBackup, m_undoTarget);
    });
    connect(m_actions, &BackupActions::undoOffered, this, [this](const QString &backup, const Target &target) {
        m_undoBackup = backup;
        m_undoTarget = target;
        m_undo->show();
    });
    connect(m_session, &TargetSession::targetChanged, this, [this] {
        m_undo->hide();
        m_compression->setVisible(m_session->target().isPostgres());
        m_compressionLabel->setVisible(m_session->target().isPostgres());
        m_banner->clear();
        // The folder chosen for another store is not this one's: back to its profile's, unless it is protected.
        const bool protectedHere = m_protect->running() && m_protect->target().path == m_session->target().path;
        m_replicaDir = protectedHere ? m_protect->replicaRoot() : QString();
        m_replica = ReplicaReading();
        m_timeline->setReplica(m_replica);
        m_timeline->setPitr(PitrReading());
        m_side->setPitr(PitrReading());
        m_pitrRequestId = 0; // a reading of the previous target still in flight must not reach the timeline
        if (isVisible())
            refresh();
        updateButtons();
        showProtectState();
    });
    connect(m_files, &DbWorker::jobFinished, this, &BackupsPanel::onFinished);
    connect(m_files, &DbWorker::jobFailed, this, &BackupsPanel::onFailed);
    connect(m_actions, &BackupActions::busyChanged, this, &BackupsPanel::updateButtons);
    connect(m_actions, &BackupActions::catalogChanged, this, &BackupsPanel::refresh);
    connect(m_actions, &BackupActions::succeeded, this, [this](const QString &line) {
        if (line.startsWith(tr("Restored")))
            m_undo->hide(); // the state is good again
        m_banner->showInfo(line);
    });
    connect(m_actions, &BackupActions::failed, this, [this](const Error &e) {
        m_banner->showError(e);
        Q_EMIT errorReported(e);
    });
    updateButtons();
}

void BackupsPanel::setBackupDir(const QString &dir)
{
    m_dir = dir;
    refresh();
}

void BackupsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void BackupsPanel::refresh()
{
    const QString dir = m_dir;
    m_refresh->setEnabled(false);
    m_requestId = m_files->submit(QStringLiteral("read backup catalog"), CatalogJobs::list(dir), false);
    readReplica();
    readPitr();
}

// A PostgreSQL server's pgBackRest stanza (backups, point-in-time window): found and read on the file worker.
void BackupsPanel::readPitr()
{
    if (!m_session->isOpen() || !m_session->target().isPostgres())
        return;
    m_pitrRequestId = m_files->submit(QStringLiteral("read pitr"), PitrJobs::read(m_session->target()), false);
}

void BackupsPanel::readReplica()
{
    if (!m_session->isOpen())
        return;
    m_replicaRequestId =
        m_files->submit(QStringLiteral("read replica"), ReplicaJobs::read(m_session->target(), m_replicaDir), false);
}

void BackupsPanel::onFinished(quint64 id, const QVariant &result)
{
    if (id && id == m_replicaRequestId) {
        m_replicaRequestId = 0;
        m_replica = result.value<ReplicaReading>();
        m_timeline->setReplica(m_replica);
        showProtectState();
        return;
    }
    if (id && id == m_pitrRequestId) {
        m_pitrRequestId = 0;
        const PitrReading pitr = result.value<PitrReading>();
        m_timeline->setPitr(pitr);
        m_side->setPitr(pitr);
        if (pitr.error.isError())
            m_banner->showWarning(tr("pgBackRest: %1").arg(pitr.error.oneLine()));
        return;
    }
    if (id != m_requestId)
        return;
    m_refresh->setEnabled(true);
    const CatalogResult r = result.value<CatalogResult>();
    const QString selected = selectedBackup();
    m_folder->setText(tr("In %1").arg(QDir::toNativeSeparators(r.dir)));
    if (m_destination->text().trimmed().isEmpty() || m_destination->text() == m_shownDir)
        m_destination->setText(QDir::toNativeSeparators(r.dir)); // follows the catalog unless the operator typed one
    m_shownDir = QDir::toNativeSeparators(r.dir);
    QList<CatalogEntry> shown;
    const bool filter = m_onlyThisTarget->isChecked() && m_session->isOpen();
    const QString sourceId = filter ? BackupNaming::sourceId(m_session->target()) : QString();
    for (const CatalogEntry &e : r.entries)
        if (!filter || BackupNaming::sameSource(e.manifest.sourceId, sourceId) ||
            (e.isBot() && e.bot.mayBeOf(m_session->target().path)))
            shown << e;
    m_model->setEntries(shown);
    m_timeline->setBackups(shown);
    m_empty->setText(r.entries.isEmpty() ? tr("No backups in this folder yet. “Back up now” takes one.")
                                         : tr("%1 backup(s) in this folder, none of the current target. "
                                              "Untick “Only backups of the current target” to see them.")
                                               .arg(r.entries.size()));
    m_empty->setVisible(shown.isEmpty());
    if (!selected.isEmpty())
        selectBackup(selected);
    updateButtons();
    Q_EMIT refreshed();
}

void BackupsPanel::onFailed(quint64 id, const Error &error)
{
    if (id != m_requestId)
        return;
    m_refresh->setEnabled(true);
    m_banner->showError(error);
    Q_EMIT errorReported(error);
}

QString BackupsPanel::selectedBackup() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(ItemRole::PathRole).toString();
}

void BackupsPanel::selectBackup(const QString &path)
{
    const QAbstractItemModel *model = m_view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(ItemRole::PathRole).toString() == path) {
            m_view->selectRow(row);
            return;
        }
    }
}

QLayout *BackupsPanel::buildBackupOptions()
{
    m_destination = new QLineEdit(this);
    m_destination->setObjectName(QStringLiteral("backupDestination"));
    m_destination->setToolTip(tr("The folder the next backup is written to; the list then shows that folder"));
    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    browse->setToolTip(tr("Choose the folder the backup is written to"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Write the backup to"), m_destination->text());
        if (!dir.isEmpty())
            m_destination->setText(QDir::toNativeSeparators(dir));
    });
    m_compression = new QSpinBox(this);
    m_compression->setObjectName(QStringLiteral("backupCompression"));
    m_compression->setRange(0, 9);
    m_compression->setValue(BackupRequest().pgCompression);
    m_compression->setToolTip(tr("pg_dump's zlib level: 1 is about 4× faster than 6 (pg_dump's default) for "
                                 "about 20 % more bytes; 0 does not compress"));
    m_compressionLabel = new QLabel(tr("Compression"), this);
    m_compressionLabel->setBuddy(m_compression);
    m_compression->hide(); // PostgreSQL only: a SQLite backup is a page copy
    m_compressionLabel->hide();
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("into"), this));
    row->addWidget(m_destination, 1);
    row->addWidget(browse);
    row->addWidget(m_compressionLabel);
    row->addWidget(m_compression);
    return row;
}

void BackupsPanel::backupNow()
{
    if (!m_session->isOpen())
        return;
    m_banner->clear();
    const QString destination = QDir::fromNativeSeparators(m_destination->text().trimmed());
    if (!destination.isEmpty() && QDir::toNativeSeparators(destination) != m_shownDir) {
        m_dir = destination; // the list shows the folder the new backup lands in
        m_shownDir = QDir::toNativeSeparators(destination);
    }
    m_actions->backup(m_session->target(), destination.isEmpty() ? m_dir : destination, m_compression->value());
}

void BackupsPanel::verifySelected()
{
    const QString path = selectedBackup();
    if (path.isEmpty())
        return;
    m_banner->clear();
    m_actions->verify(path);
}

void BackupsPanel::restoreSelected()
{
    const QString path = selectedBackup();
    if (path.isEmpty() || !m_session->isOpen())
        return;
    m_banner->clear();
    m_actions->restore(path, m_session->target());
}

void BackupsPanel::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Backup folder"), m_dir);
    if (!dir.isEmpty())
        setBackupDir(dir);
}

void BackupsPanel::updateButtons()
{
    const bool idle = !m_actions->busy();
    const bool target = m_session->isOpen();
    const bool selected = !selectedBackup().isEmpty();
    m_backup->setEnabled(idle && target);
    m_verify->setEnabled(idle && selected);
    m_restore->setEnabled(idle && target && selected && !m_readOnly);
    m_undo->setEnabled(idle && !m_readOnly);
}

void BackupsPanel::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateButtons();
    showProtectState();
    m_side->setReadOnly(readOnly);
}

QLayout *BackupsPanel::buildProtectRow()
{
    m_protectState = new QLabel(this);
    m_protectState->setObjectName(QStringLiteral("protectState"));
    m_protectState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long replica path must not widen the window: the label takes the room there is (the tooltip has it all).
    m_protectState->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_protectState->setMinimumWidth(0);
    m_protectStart = new QPushButton(tr("Protect continuously…"), this);
    m_protectStart->setObjectName(QStringLiteral("protectStart"));
    m_protectStart->setToolTip(tr("Litestream replicates every write of this SQLite store into a replica folder, "
                                  "so it can be restored to any second (what `dbops protect` does)"));
    m_protectStop = new QPushButton(tr("Stop Litestream"), this);
    m_protectStop->setObjectName(QStringLiteral("protectStop"));
    m_protectStop->setToolTip(tr("Litestream ships what it has, then stops; the replica stays"));
    connect(m_protectStart, &QPushButton::clicked, this, &BackupsPanel::protectContinuously);
    connect(m_protectStop, &QPushButton::clicked, m_protect, &ProtectRunner::stop);
    connect(m_protect, &ProtectRunner::stateChanged, this, &BackupsPanel::showProtectState);
    connect(m_protect, &ProtectRunner::replicaRead, this, [this](const ReplicaReading &r) {
        if (m_session->isOpen() && m_protect->target().path == m_session->target().path) {
            m_replica = r; // the band grows while Litestream ships
            m_timeline->setReplica(r);
        }
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_protectStart);
    row->addWidget(m_protectStop);
    row->addWidget(m_protectState, 1);
    showProtectState();
    return row;
}

void BackupsPanel::setReplicaDir(const QString &dir)
{
    m_replicaDir = dir;
    readReplica();
}

QString BackupsPanel::replicaDir() const { return m_replicaDir.isEmpty() ? m_replica.replicaRoot : m_replicaDir; }

void BackupsPanel::protectContinuously()
{
    if (!m_session->isOpen() || m_protect->running())
        return;
    m_banner->clear();
    if (m_session->target().kind != Target::Kind::SqliteFile) {
        m_banner->showError(Error::make(ErrorCode::Usage, tr("Continuous protection replicates one SQLite store"),
                                        tr("open the store's file (data/trading/trading.db), then protect it")));
        return;
    }
    QString dir = replicaDir();
    if (dir.isEmpty()) // neither chosen here nor in the profile (replica=)
        dir = QFileDialog::getExistingDirectory(this, tr("Litestream replica folder"), m_dir);
    if (dir.isEmpty())
        return;
    m_replicaDir = dir;
    m_protect->start(m_session->target(), dir);
}

void BackupsPanel::showProtectState()
{
    const bool running = m_protect->running();
    const bool sqlite = m_session->isOpen() && m_session->target().kind == Target::Kind::SqliteFile;
    m_protectStart->setEnabled(!running && sqlite && !m_readOnly);
    m_protectStop->setEnabled(running);
    const bool other = running && m_session->isOpen() && m_protect->target().path != m_session->target().path;
    const QString what =
        other ? tr("Continuous protection of %1").arg(m_protect->target().display()) : tr("Continuous protection");
    QString where;
    if (!m_protect->replicaRoot().isEmpty() && m_protect->state() != ProtectRunner::State::Off)
        where = tr(" into %1").arg(QDir::toNativeSeparators(m_protect->replicaRoot()));
    else if (!replicaDir().isEmpty())
        where = tr(" · replica folder %1").arg(QDir::toNativeSeparators(replicaDir()));
    const QString state = m_protect->stateText();
    m_protectState->setText(
        QStringLiteral("%1: <b>%2</b>%3").arg(what.toHtmlEscaped(), state.toHtmlEscaped(), where.toHtmlEscaped()));
    const bool stalled = m_protect->state() == ProtectRunner::State::Stalled;
    m_protectState->setStyleSheet(stalled ? QStringLiteral("color: #c62828;") : QString());
    m_protectState->setToolTip(QStringLiteral("%1: %2%3").arg(what, state, where));
}

bool BackupsPanel::refuseRestoreWhenReadOnly()
{
    if (!m_readOnly && !m_actions->busy() && m_session->isOpen())
        return false;
    if (m_readOnly)
        m_banner->showError(Error::make(ErrorCode::Refused, tr("Incident mode: restoring is off"),
                                        tr("leave incident mode to restore")));
    return true;
}

void BackupsPanel::restoreBackup(const QString &path)
{
    selectBackup(path);
    if (refuseRestoreWhenReadOnly())
        return;
    m_banner->clear();
    m_actions->restore(path, m_session->target());
}

void BackupsPanel::restoreMoment(const QDateTime &at)
{
    if (refuseRestoreWhenReadOnly())
        return;
    m_banner->clear();
    m_actions->restoreAt(m_session->target(), at, replicaDir(), m_dir);
}

} // namespace dbops
