#pragma once
// The left column: the current target and the saved profiles. Profiles are read and written on the file
// worker (profiles.ini holds no password); removing one asks first. Each saved profile shows its worst status
// as a coloured dot (the reasons in its tooltip), checked in the background on a worker of its own: one
// profile after another, at most one session per PostgreSQL target, every minute and after each reload.
#include "connection/profilestore.h"
#include "connection/target.h"
#include "core/error.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

class QListView;
class QToolButton;

namespace dbops {

class DbWorker;
class ProfileListModel;
class TargetSession;

class TargetSidebar : public QWidget {
    Q_OBJECT
public:
    TargetSidebar(TargetSession *session, DbWorker *files, const QString &profilesFile = {}, QWidget *parent = nullptr);
    void reload();
    void saveCurrentAs(const QString &name);
    void saveProfile(Profile profile); // as given, without a password
    void removeProfile(const QString &name);
    const ProfileListModel *model() const { return m_model; }
    // Checks every saved profile again (skipped while a round is still running).
    void refreshStatuses();
    bool statusRoundRunning() const { return !m_statusJobs.isEmpty(); }

Q_SIGNALS:
    void openRequested(const dbops::Target &target);
    void addRequested();
    void errorReported(const dbops::Error &error);
    void statusesRefreshed(); // a round over every saved profile ended

private:
    void askName();
    void askRemove();
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);
    void updateButtons();
    void onStatusFinished(quint64 id, const QVariant &result);

    TargetSession *m_session;
    DbWorker *m_files;
    QString m_profilesFile;
    ProfileListModel *m_model;
    QListView *m_view;
    QToolButton *m_add;
    QToolButton *m_save;
    QToolButton *m_remove;
    quint64 m_requestId = 0;
    DbWorker *m_statusWorker;
    QTimer m_statusTimer;
    QHash<quint64, QString> m_statusJobs; // running round: job id -> profile name
};

} // namespace dbops
