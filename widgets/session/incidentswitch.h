#pragma once
// The console's face of incident mode (core/incidentmode.h): one checkable action (toolbar and View menu), a
// status bar label, the open target's profile flag, and leaving the mode — a reason and a window asked for in a
// dialog, audited on the file worker. When the window ends the core is read-only again by itself (it reads the
// clock); the timer here only brings the window's switch, label and buttons up to date.
#include "connection/profilestore.h"

#include <QObject>
#include <QPointer>
#include <functional>

class QAction;
class QLabel;
class QTimer;
class QWidget;

namespace dbops {

struct AuditRecord;
class DbWorker;
class IncidentLeaveDialog;

class IncidentSwitch : public QObject {
    Q_OBJECT
public:
    IncidentSwitch(DbWorker *files, QWidget *window);

    QAction *action() const { return m_action; }
    QLabel *statusLabel() const { return m_label; }
    bool isOn() const;
    IncidentLeaveDialog *leaveDialog() const; // while it is open
    // The audit trail's database (empty: the default one) and the target named in its records.
    void setAuditFile(const QString &path) { m_auditFile = path; }
    void setTarget(const QString &display) { m_target = display; }

    void setCommandLine(bool on); // dbops-console --read-only
    using ProfileDone = std::function<void(const Profile &profile)>;
    // Reads `target`'s profile on the file worker and applies its read_only flag, then hands the profile (empty
    // without one) to `then`: a session to a read-only profile only opens once the mode is on.
    void applyProfile(const Target &target, ProfileDone then);
    void switchOn();
    void askToLeave();
    void leave(const QString &reason, int minutes);

Q_SIGNALS:
    void changed(bool on);

private:
    void onTriggered(bool checked);
    void refresh();
    void audit(const AuditRecord &record);

    DbWorker *m_files;
    QWidget *m_window;
    QAction *m_action;
    QLabel *m_label;
    QTimer *m_windowEnd;
    QPointer<IncidentLeaveDialog> m_dialog;
    QString m_auditFile;
    QString m_target;
    quint64 m_profileRequest = 0;
    ProfileDone m_afterProfile;
    QString m_profileName;
};

} // namespace dbops
