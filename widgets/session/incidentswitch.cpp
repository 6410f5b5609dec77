#include "session/incidentswitch.h"

#include "audit/incidentaudit.h"
#include "core/incidentmode.h"
#include "dialogs/incidentleavedialog.h"
#include "probe/profilejobs.h"
#include "worker/dbworker.h"

#include <QAction>
#include <QIcon>
#include <QLabel>
#include <QTimer>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

namespace dbops {

IncidentSwitch::IncidentSwitch(DbWorker *files, QWidget *window)
    : QObject(window), m_files(files), m_window(window), m_action(new QAction(tr("Read-only (&incident mode)"), this)),
      m_label(new QLabel(window)), m_windowEnd(new QTimer(this))
{
    qRegisterMetaType<dbops::ProfileList>();
    m_action->setObjectName(QStringLiteral("incidentModeAction"));
    m_action->setCheckable(true);
    m_action->setIcon(QIcon::fromTheme(QStringLiteral("object-locked")));
    m_action->setToolTip(tr("Incident mode: dbops changes no store (restore, cleanup, maintenance, terminate, lock "
                            "removal and pruning are refused); backups, verification and monitoring go on"));
    m_label->setObjectName(QStringLiteral("incidentModeLabel"));
    m_label->setMargin(2);
    m_windowEnd->setSingleShot(true);
    connect(m_windowEnd, &QTimer::timeout, this, &IncidentSwitch::refresh);
    connect(m_action, &QAction::triggered, this, &IncidentSwitch::onTriggered);
    connect(m_files, &DbWorker::jobFinished, this, [this](quint64 id, const QVariant &result) {
        if (id != m_profileRequest)
            return;
        Profile found;
        for (const Profile &p : result.value<ProfileList>().profiles)
            if (p.name == m_profileName)
                found = p;
        IncidentMode::setProfile(found.readOnly);
        refresh();
        if (auto then = std::exchange(m_afterProfile, nullptr))
            then(found);
    });
    connect(m_files, &DbWorker::jobFailed, this, [this](quint64 id, const Error &e) {
        if (id != m_profileRequest)
            return;
        spdlog::warn("could not read the profile's read_only flag: {}", e.oneLine().toStdString());
        if (auto then = std::exchange(m_afterProfile, nullptr))
            then(Profile{}); // opening it reads the same file and says what is wrong with it
    });
    refresh();
}

bool IncidentSwitch::isOn() const { return IncidentMode::isOn(); }

IncidentLeaveDialog *IncidentSwitch::leaveDialog() const { return m_dialog.data(); }

void IncidentSwitch::setCommandLine(bool on)
{
    IncidentMode::setCommandLine(on);
    refresh();
}

void IncidentSwitch::applyProfile(const Target &target, ProfileDone then)
{
    m_profileName = target.profileName;
    if (m_profileName.isEmpty()) {
        IncidentMode::setProfile(false);
        refresh();
        then(Profile{});
        return;
    }
    m_afterProfile = std::move(then);
    m_profileRequest = m_files->submit(QStringLiteral("read the profile's flags"), ProfileJobs::list({}), false);
}

void IncidentSwitch::switchOn()
{
    IncidentMode::setSwitchedOn(true);
    audit(IncidentAudit::switchedOn(m_target));
    refresh();
}

void IncidentSwitch::askToLeave()
{
    if (m_dialog)
        return;
    auto *dialog = new IncidentLeaveDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &IncidentLeaveDialog::leaveRequested, this, &IncidentSwitch::leave);
    dialog->open();
}

void IncidentSwitch::leave(const QString &reason, int minutes)
{
    const QDateTime from = QDateTime::currentDateTimeUtc();
    const QDateTime until = from.addSecs(qint64(minutes) * 60);
    IncidentMode::liftUntil(until);
    spdlog::warn("incident mode left until {} UTC: {}", until.toString(Qt::ISODate).toStdString(),
                 reason.toStdString());
    audit(IncidentAudit::left(m_target, reason, from, until));
    refresh();
}

void IncidentSwitch::onTriggered(bool checked)
{
    if (checked) {
        switchOn();
        return;
    }
    refresh(); // stays on until the dialog is answered
    askToLeave();
}

void IncidentSwitch::refresh()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const IncidentState state = IncidentMode::state();
    const bool on = state.isOn(now);
    m_action->setChecked(on);
    // The menu bar's button says the state in words: a checkable button's pressed look alone reads as "on".
    if (on)
        m_action->setIconText(tr("&Incident mode: ON (read-only)"));
    else if (state.isLifted(now))
        m_action->setIconText(
            tr("&Incident mode: lifted until %1").arg(state.liftedUntil.toLocalTime().toString(tr("HH:mm"))));
    else
        m_action->setIconText(tr("&Incident mode: off"));
    if (on) {
        m_label->setText(tr("READ-ONLY: incident mode"));
        m_label->setStyleSheet(QStringLiteral("QLabel { background: #c62828; color: white; font-weight: bold; }"));
        m_label->setToolTip(tr("Every action that would change a store is refused (from %1)").arg(state.source()));
    } else if (state.isLifted(now)) {
        m_label->setText(tr("Changes allowed until %1").arg(state.liftedUntil.toLocalTime().toString(tr("HH:mm"))));
        m_label->setStyleSheet(QStringLiteral("QLabel { background: #f9a825; color: black; }"));
        m_label->setToolTip(tr("Incident mode was left for a while; it comes back by itself"));
    }
    m_label->setVisible(state.requested());
    if (state.isLifted(now))
        m_windowEnd->start(int(std::min<qint64>(now.msecsTo(state.liftedUntil) + 50, 24LL * 3600 * 1000)));
    else
        m_windowEnd->stop();
    Q_EMIT changed(on);
}

void IncidentSwitch::audit(const AuditRecord &record)
{
    m_files->submit(QStringLiteral("audit incident mode"), IncidentAudit::append(m_auditFile, record), false);
}

} // namespace dbops
