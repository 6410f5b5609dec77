#include "panels/schedulespanel.h"

#include "cleanup/confirmdialog.h"
#include "common/emptystate.h"
#include "common/errorbanner.h"
#include "common/panelchrome.h"
#include "common/tableviews.h"
#include "core/format.h"
#include "dialogs/scheduledialog.h"
#include "item/itemroles.h"
#include "panels/cleanuppanel.h"
#include "schedule/schedulejobs.h"
#include "schedule/scheduleunits.h"
#include "worker/dbworker.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace dbops {
namespace {

QString when(const QDateTime &at) { return at.isValid() ? Format::moment(at) : QStringLiteral("—"); }

QToolButton *button(const QString &text, const QString &name, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setObjectName(name);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

} // namespace

SchedulesPanel::SchedulesPanel(DbWorker *files, bool system, QWidget *parent)
    : QWidget(parent), m_files(files), m_system(system), m_note(PanelChrome::note(this)),
      m_refresh(PanelChrome::refreshButton(tr("Refresh"), this)),
      m_enable(button(tr("&Enable"), QStringLiteral("schedulesEnable"), this)),
      m_disable(button(tr("&Disable"), QStringLiteral("schedulesDisable"), this)),
      m_runNow(button(tr("Run &now"), QStringLiteral("schedulesRunNow"), this)),
      m_add(button(tr("&Add schedule…"), QStringLiteral("schedulesAdd"), this)),
      m_remove(button(tr("Re&move…"), QStringLiteral("schedulesRemove"), this)), m_banner(new ErrorBanner(this)),
      m_model(new QStandardItemModel(0, ColumnCount, this))
{
    setObjectName(QStringLiteral("schedulesPanel"));
    m_note->setObjectName(QStringLiteral("schedulesNote"));
    m_model->setHorizontalHeaderLabels({tr("Schedule"), tr("Job"), tr("Store"), tr("Every"), tr("Next run"),
                                        tr("Last run"), tr("Result"), tr("Took")});
    m_view = TableViews::create(m_model, this, QStringLiteral("schedulesTable"), StoreColumn);
    EmptyState::attach(m_view, tr("No schedule yet. \"Add schedule…\" writes a systemd timer that backs up, "
                                  "verifies or drills the open store unattended."));
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(PanelChrome::title(tr("Schedules"), this));
    titles->addWidget(m_note);
    auto *header = new QHBoxLayout;
    header->addLayout(titles, 1);
    for (QToolButton *b : {m_add, m_remove, m_enable, m_disable, m_runNow, m_refresh})
        header->addWidget(b, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);

    connect(m_refresh, &QToolButton::clicked, this, &SchedulesPanel::refresh);
    connect(m_enable, &QToolButton::clicked, this, [this] { act(true, false); });
    connect(m_disable, &QToolButton::clicked, this, [this] { act(false, false); });
    connect(m_runNow, &QToolButton::clicked, this, [this] { act(false, true); });
    connect(m_add, &QToolButton::clicked, this, &SchedulesPanel::addSchedule);
    connect(m_remove, &QToolButton::clicked, this, &SchedulesPanel::removeSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SchedulesPanel::updateButtons);
    connect(m_files, &DbWorker::jobFinished, this, &SchedulesPanel::onFinished);
    connect(m_files, &DbWorker::jobFailed, this, &SchedulesPanel::onFailed);
    updateButtons();
}

void SchedulesPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

bool SchedulesPanel::event(QEvent *event)
{
    if (event->type() == QEvent::ParentChange)
        followCleanupTab();
    return QWidget::event(event);
}

// The Cleanup tab hands its sections the console's store; this section is no CleanupSection (it lives on the
// file worker, not the operations worker), so it listens to the tab's signal once it is mounted there.
void SchedulesPanel::followCleanupTab()
{
    for (QWidget *w = parentWidget(); w; w = w->parentWidget())
        if (auto *cleanup = qobject_cast<CleanupPanel *>(w)) {
            connect(cleanup, &CleanupPanel::targetChanged, this, &SchedulesPanel::setTarget, Qt::UniqueConnection);
            return;
        }
}

void SchedulesPanel::setTarget(const Target &target)
{
    m_target = target;
    updateButtons();
}

void SchedulesPanel::refresh()
{
    m_refresh->setEnabled(false);
    if (m_program.isEmpty() && !m_programId)
        m_programId = m_files->submit(QStringLiteral("find dbops"), ScheduleJobs::cliProgram(), false);
    m_listId = m_files->submit(QStringLiteral("read schedules"), ScheduleJobs::list(m_system), false);
}

QString SchedulesPanel::noteText() const { return m_note->text(); }

ScheduleDialog *SchedulesPanel::scheduleDialog() const { return m_dialog.data(); }

ConfirmDialog *SchedulesPanel::confirmDialog() const { return m_confirm.data(); }

void SchedulesPanel::act(bool enable, bool runNow)
{
    const QString name = TableViews::selectedKey(m_view).toString();
    if (name.isEmpty())
        return;
    if (runNow)
        m_actionId = m_files->submit(QStringLiteral("run schedule"), ScheduleJobs::runNow(name, m_system), false);
    else if (enable)
        m_actionId =
            m_files->submit(QStringLiteral("enable schedule"), ScheduleJobs::setEnabled(name, true, m_system), false);
    else
        m_actionId =
            m_files->submit(QStringLiteral("disable schedule"), ScheduleJobs::setEnabled(name, false, m_system), false);
}

void SchedulesPanel::addSchedule()
{
    if (m_dialog)
        return;
    QStringList taken;
    for (int row = 0; row < m_model->rowCount(); ++row)
        taken << m_model->item(row, NameColumn)->text();
    auto *dialog = new ScheduleDialog(m_target, m_program, taken, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &ScheduleDialog::addRequested, this, &SchedulesPanel::submitAdd);
    m_dialog = dialog;
    dialog->open();
}

void SchedulesPanel::submitAdd(const ScheduleSpec &spec, bool system)
{
    m_addId = m_files->submit(QStringLiteral("add schedule"), ScheduleJobs::add(spec, system), false);
}

void SchedulesPanel::removeSelected()
{
    const QString name = TableViews::selectedKey(m_view).toString();
    if (name.isEmpty() || m_confirm)
        return;
    ConfirmRequest request;
    request.title = tr("Remove the schedule %1").arg(name);
    request.summary = tr("Stops its timer and deletes its unit files; the backups and drills it made stay. "
                         "Nothing runs on the store.");
    request.items = {ScheduleUnits(m_system).dir() + QLatin1Char('/') + name + QStringLiteral(".service"),
                     ScheduleUnits(m_system).dir() + QLatin1Char('/') + name + QStringLiteral(".timer")};
    request.word = name;
    request.action = tr("Remove schedule");
    auto *dialog = new ConfirmDialog(request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this, [this, name] {
        m_actionId = m_files->submit(QStringLiteral("remove schedule"), ScheduleJobs::remove(name, m_system), false);
    });
    m_confirm = dialog;
    dialog->open();
}

void SchedulesPanel::updateButtons()
{
    const bool selected = TableViews::selectedSourceRow(m_view) >= 0;
    m_add->setEnabled(m_target.isValid());
    m_add->setToolTip(
        m_target.isValid()
            ? tr("A backup, verify, drill, cleanup or maintenance of %1 on a timer").arg(m_target.display())
            : tr("Open a store first: a schedule runs on the console's store"));
    m_remove->setEnabled(selected);
    for (QToolButton *b : {m_enable, m_disable, m_runNow}) {
        b->setEnabled(selected && m_systemdRunning);
        b->setToolTip(m_systemdRunning ? QString() : tr("systemd is not running here"));
    }
}

void SchedulesPanel::show(const ScheduleList &list)
{
    m_systemdRunning = list.systemdRunning;
    m_model->removeRows(0, m_model->rowCount());
    for (const ScheduleRow &r : list.rows) {
        const QString result = r.result.isEmpty() ? tr("never ran") : r.result;
        QList<QStandardItem *> row{
            new QStandardItem(r.spec.name),
            new QStandardItem(r.spec.job),
            new QStandardItem(r.spec.target),
            new QStandardItem(r.spec.every),
            new QStandardItem(when(r.next)),
            new QStandardItem(when(r.last)),
            new QStandardItem(result),
            new QStandardItem(r.durationMs >= 0 ? Format::milliseconds(double(r.durationMs)) : QString())};
        row[NameColumn]->setData(r.spec.name, ItemRole::KeyRole);
        row[ResultColumn]->setToolTip(r.detail);
        row[NameColumn]->setToolTip(r.spec.command().join(QLatin1Char(' ')));
        m_model->appendRow(row);
    }
    m_note->setText(
        list.systemdRunning
            ? tr("%n schedule(s), run by systemd timers (“Add schedule…” adds one).", nullptr, int(list.rows.size()))
            : tr("%1: next runs unknown; last runs from the audit trail.").arg(list.systemdNote));
    TableViews::fitColumns(m_view, StoreColumn);
    updateButtons();
}

void SchedulesPanel::onFinished(quint64 id, const QVariant &result)
{
    if (id == m_programId) {
        m_program = result.toString();
        m_programId = 0;
        return;
    }
    if (id == m_addId && result.canConvert<ScheduleAdded>()) {
        const ScheduleAdded added = result.value<ScheduleAdded>();
        m_note->setText(tr("Added %1 (%2).").arg(added.spec.name, added.note));
        if (m_dialog)
            m_dialog->finish();
        refresh();
        return;
    }
    if (id == m_listId && result.canConvert<ScheduleList>()) {
        m_refresh->setEnabled(true);
        m_banner->clear();
        show(result.value<ScheduleList>());
    } else if (id == m_actionId && result.canConvert<QString>()) {
        m_banner->clear();
        refresh();
    }
}

void SchedulesPanel::onFailed(quint64 id, const Error &error)
{
    if (id == m_addId && m_dialog) { // said where it was asked for: the dialog stays open
        m_dialog->showFailure(error);
        return;
    }
    if (id != m_listId && id != m_actionId)
        return;
    m_refresh->setEnabled(true);
    m_banner->showError(error);
    Q_EMIT errorReported(error);
}

} // namespace dbops
