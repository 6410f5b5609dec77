#include "panels/sideinstancesection.h"

#include "cleanup/confirmdialog.h"
#include "common/errorbanner.h"
#include "common/jobprogressstrip.h"
#include "common/panelchrome.h"
#include "common/tableviews.h"
#include "core/format.h"
#include "dialogs/siderestoredialog.h"
#include "item/itemroles.h"
#include "item/tablecomparemodel.h"
#include "session/targetsession.h"
#include "worker/dbworker.h"

#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

#include <spdlog/spdlog.h>

namespace dbops {

SideInstanceSection::SideInstanceSection(TargetSession *session, DbWorker *files, QWidget *parent)
    : QWidget(parent), m_session(session), m_files(files),
      m_worker(new DbWorker(Target{}, SessionOptions::action(), QStringLiteral("side"), this)),
      m_list(new QStandardItemModel(0, 4, this)), m_compare(new TableCompareModel(this)),
      m_result(PanelChrome::note(this)), m_banner(new ErrorBanner(this)),
      m_strip(new JobProgressStrip(JobProgressStrip::Shape::Row, this))
{
    setObjectName(QStringLiteral("sideInstances"));
    m_list->setHorizontalHeaderLabels({tr("Data directory"), tr("Port"), tr("Restored to"), tr("Connect")});
    m_listView = TableViews::create(m_list, this, QStringLiteral("sideList"), 0);
    m_listView->setAccessibleName(tr("Side instances"));
    m_listView->setMaximumHeight(96); // three rows: the timeline above keeps its room
    m_result->setObjectName(QStringLiteral("sideResult"));
    m_result->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_result->hide();
    m_banner->setObjectName(QStringLiteral("sideBanner"));
    m_strip->setObjectName(QStringLiteral("sideProgress"));
    m_strip->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buildButtons());
    layout->addWidget(m_banner);
    layout->addWidget(m_strip);
    layout->addWidget(m_result);
    layout->addWidget(m_listView);
    buildCompareWindow();
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum); // the timeline and the list take the room left

    connect(m_strip, &JobProgressStrip::finished, this, [this](const QVariant &v) { finish(v, {}); });
    connect(m_strip, &JobProgressStrip::failed, this, [this](const Error &e) { finish({}, e); });
    connect(m_listView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SideInstanceSection::updateButtons);
    connect(m_session, &TargetSession::targetChanged, this, [this] {
        m_banner->clear();
        m_result->hide();
        m_comparedDir.clear();
        m_compare->setResult({});
        m_compareWindow->hide();
        showSides();
    });
    setVisible(false);
    updateButtons();
}

// The worker's destructor cancels a running job and waits for it: a restore stops where it is (its side
// instance, if started, goes on running; `dbops side-instance --stop` removes it).
SideInstanceSection::~SideInstanceSection() = default;

QLayout *SideInstanceSection::buildButtons()
{
    auto *title = PanelChrome::title(tr("Side instances"), this, 1.0);
    title->setToolTip(tr("A copy of the cluster as it was at a chosen second, restored from pgBackRest and started "
                         "beside the live server, which it never touches: compare it with the live database, copy a "
                         "table back"));
    m_restore = new QPushButton(tr("Restore to a side instance…"), this);
    m_restore->setObjectName(QStringLiteral("sideRestore"));
    m_restore->setToolTip(tr("The cluster as it was at a chosen second, in a data directory and on a port of its "
                             "own (the live server is not touched); a click inside the purple band picks the second"));
    m_compareButton = new QPushButton(tr("Compare with live"), this);
    m_compareButton->setObjectName(QStringLiteral("sideCompareButton"));
    m_compareButton->setToolTip(tr("Rows and newest timestamp of every table, live and in the selected side instance"));
    m_stop = new QPushButton(tr("Stop and remove…"), this);
    m_stop->setObjectName(QStringLiteral("sideStop"));
    m_stop->setToolTip(tr("Stop the selected side instance and remove its data directory"));
    connect(m_restore, &QPushButton::clicked, this, &SideInstanceSection::openRestoreDialog);
    connect(m_compareButton, &QPushButton::clicked, this, &SideInstanceSection::compareSelected);
    connect(m_stop, &QPushButton::clicked, this, &SideInstanceSection::stopSelected);
    auto *row = new QHBoxLayout;
    row->addWidget(title);
    row->addSpacing(12);
    row->addWidget(m_restore);
    row->addWidget(m_compareButton);
    row->addWidget(m_stop);
    row->addStretch(1);
    return row;
}

// The compare's result in a window of its own beside the tab (the timeline keeps its room), with Copy back there.
void SideInstanceSection::buildCompareWindow()
{
    m_compareWindow = new QDialog(this);
    m_compareWindow->setObjectName(QStringLiteral("sideCompareWindow"));
    m_compareWindow->setWindowTitle(tr("Compare with live"));
    m_compareWindow->resize(960, 360);
    m_compareNote = PanelChrome::note(m_compareWindow);
    m_compareNote->setObjectName(QStringLiteral("sideCompareNote"));
    m_compareView = TableViews::create(m_compare, m_compareWindow, QStringLiteral("sideCompare"), 0);
    m_compareView->setAccessibleName(tr("Compare with live"));
    m_copyBack = new QPushButton(tr("Copy back…"), m_compareWindow);
    m_copyBack->setObjectName(QStringLiteral("sideCopyBack"));
    auto *close = new QPushButton(tr("Close"), m_compareWindow);
    connect(close, &QPushButton::clicked, m_compareWindow, &QDialog::close);
    connect(m_copyBack, &QPushButton::clicked, this, &SideInstanceSection::copyBackSelected);
    connect(m_compareView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SideInstanceSection::updateButtons);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyBack);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(m_compareWindow);
    layout->addWidget(PanelChrome::title(tr("Live database and side instance, table by table"), m_compareWindow));
    layout->addWidget(m_compareNote);
    layout->addWidget(m_compareView, 1);
    layout->addLayout(buttons);
}

void SideInstanceSection::setPitr(const PitrReading &reading)
{
    // Still on its way when the target changed: neither its stanza nor its side instances are this target's.
    if (!reading.target.isEmpty() && reading.target != liveName())
        return;
    m_pitr = reading;
    // The registry read after a start is the truth for that side instance too (listed, or stopped meanwhile).
    m_started.erase(std::remove_if(m_started.begin(), m_started.end(),
                                   [&reading](const Side &s) {
                                       return s.live.display() == reading.target && s.startedAt <= reading.readAt;
                                   }),
                    m_started.end());
    showSides();
}

void SideInstanceSection::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateButtons();
}

QString SideInstanceSection::liveName() const
{
    return m_session->isOpen() ? m_session->target().display() : QString();
}

Target SideInstanceSection::liveTarget() const
{
    Target t = m_session->target();
    if (t.pg.password.isEmpty())
        t.pg.password = m_session->options().password; // typed in this run: the side instance has the same roles
    return t;
}

int SideInstanceSection::sideCount() const { return m_list->rowCount(); }

const SideInstanceSection::Side *SideInstanceSection::side(const QString &dataDir) const
{
    for (const Side &s : m_sides)
        if (s.result.dataDirectory == dataDir)
            return &s;
    return nullptr;
}

QString SideInstanceSection::selectedSide() const { return TableViews::selectedKey(m_listView).toString(); }

QString SideInstanceSection::selectedTable() const { return TableViews::selectedKey(m_compareView).toString(); }

SideRestoreDialog *SideInstanceSection::restoreDialog() const { return m_dialog.data(); }

ConfirmDialog *SideInstanceSection::confirmDialog() const { return m_confirm.data(); }

QString SideInstanceSection::resultText() const { return m_result->text(); }

// The side instances of the open target, newest first: the last reading's, and those started here since it;
// the section shows for a PostgreSQL target with a stanza (or side instances).
void SideInstanceSection::showSides()
{
    const QString selected = selectedSide();
    const QString live = liveName();
    m_sides.clear();
    if (!live.isEmpty() && m_pitr.target == live)
        for (const SideRestoreResult &r : m_pitr.sides)
            m_sides.append(Side{r, liveTarget()});
    for (const Side &s : m_started)
        if (s.live.display() == live && !side(s.result.dataDirectory))
            m_sides.append(s);
    m_list->removeRows(0, m_list->rowCount());
    for (auto it = m_sides.crbegin(); it != m_sides.crend(); ++it) {
        const SideRestoreResult &r = it->result;
        QList<QStandardItem *> row{new QStandardItem(QDir::toNativeSeparators(r.dataDirectory)),
                                   new QStandardItem(QString::number(r.port)),
                                   new QStandardItem(Format::moment(r.restoredTo)), new QStandardItem(r.uri())};
        for (QStandardItem *item : row) {
            item->setData(r.dataDirectory, ItemRole::KeyRole);
            item->setEditable(false);
        }
        row[2]->setToolTip(Format::momentUtc(r.restoredTo));
        m_list->appendRow(row);
    }
    if (!TableViews::selectKey(m_listView, selected) && m_list->rowCount() > 0)
        m_listView->selectRow(0);
    const bool postgres = m_session->isOpen() && m_session->target().isPostgres();
    setVisible(postgres && (m_pitr.found || m_list->rowCount() > 0));
    m_listView->setVisible(m_list->rowCount() > 0);
    updateButtons();
}

void SideInstanceSection::updateButtons()
{
    const bool idle = !m_running;
    const bool sideSelected = !selectedSide().isEmpty();
    m_restore->setEnabled(idle && m_pitr.found && m_session->isOpen());
    m_compareButton->setEnabled(idle && sideSelected);
    m_copyBack->setEnabled(idle && !m_readOnly && !selectedTable().isEmpty() && side(m_comparedDir));
    m_copyBack->setToolTip(m_readOnly ? tr("Incident mode is on: copy-back changes the live database")
                                      : tr("Replace the rows of the table selected in the compare with the side "
                                           "instance's, in one transaction, after a safety dump of the live table"));
    m_stop->setEnabled(idle && sideSelected);
}

void SideInstanceSection::run(const QString &title, quint64 id, Done done)
{
    m_running = true;
    m_done = std::move(done);
    m_banner->clear();
    m_strip->follow(m_worker, id, title);
    m_strip->show();
    updateButtons();
}

void SideInstanceSection::finish(const QVariant &result, const Error &error)
{
    m_strip->hide();
    m_running = false;
    const Done done = std::exchange(m_done, {});
    if (error.isError()) {
        spdlog::warn("side instance: {}", error.oneLine().toStdString());
        m_banner->showError(error);
        Q_EMIT errorReported(error);
    } else if (done) {
        done(result);
    }
    updateButtons();
    Q_EMIT jobDone();
}

void SideInstanceSection::openRestoreDialog()
{
    const QDateTime end =
        m_pitr.info.restorableTo.isValid() ? m_pitr.info.restorableTo : QDateTime::currentDateTimeUtc();
    restoreAt(end);
}

void SideInstanceSection::restoreAt(const QDateTime &at)
{
    if (m_running || !m_pitr.found || !m_session->isOpen() || m_dialog)
        return;
    auto *dialog = new SideRestoreDialog(m_pitr.info, at, m_files, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_dialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const SideRestoreRequest request = dialog->request();
        const Target live = liveTarget();
        spdlog::info("side instance of {} as of {} into {} on port {} asked", live.display().toStdString(),
                     request.moment.toString(Qt::ISODate).toStdString(), request.dataDirectory.toStdString(),
                     request.port);
        const quint64 id =
            m_worker->submit(QStringLiteral("restore side instance"), PitrJobs::restoreSide(live, request), false);
        run(tr("Restoring %1 as of %2 into a side instance").arg(m_pitr.info.stanza, Format::moment(request.moment)),
            id, [this, live](const QVariant &v) { addSide(v.value<SideRestoreResult>(), live); });
    });
    dialog->open();
}

void SideInstanceSection::addSide(const SideRestoreResult &r, const Target &live)
{
    m_started.append(Side{r, live, std::chrono::steady_clock::now()});
    m_result->setText(tr("Side instance running on 127.0.0.1:%1, restored to %2. Connect: %3")
                          .arg(r.port)
                          .arg(Format::moment(r.restoredTo), r.uri()));
    m_result->show();
    if (!r.warning.isEmpty())
        m_banner->showWarning(r.warning);
    spdlog::info("side instance {} running on port {}", r.dataDirectory.toStdString(), r.port);
    showSides();
    TableViews::selectKey(m_listView, r.dataDirectory);
}

// Stopped here: out of the list at once, before the next reading says so.
void SideInstanceSection::forget(const QString &dataDir)
{
    const auto same = [&dataDir](const SideRestoreResult &r) { return r.dataDirectory == dataDir; };
    m_pitr.sides.erase(std::remove_if(m_pitr.sides.begin(), m_pitr.sides.end(), same), m_pitr.sides.end());
    m_started.erase(
        std::remove_if(m_started.begin(), m_started.end(), [&same](const Side &s) { return same(s.result); }),
        m_started.end());
}

} // namespace dbops
