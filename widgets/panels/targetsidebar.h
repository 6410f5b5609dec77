#pragma once
// The left column: the current target and the saved profiles. Profiles are read and written on the file
// worker (profiles.ini holds no password); removing one asks first.
#include "connection/profilestore.h"
#include "connection/target.h"
#include "core/error.h"

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

Q_SIGNALS:
    void openRequested(const dbops::Target &target);
    void addRequested();
    void errorReported(const dbops::Error &error);

private:
    void askName();
    void askRemove();
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);
    void updateButtons();

    TargetSession *m_session;
    DbWorker *m_files;
    QString m_profilesFile;
    ProfileListModel *m_model;
    QListView *m_view;
    QToolButton *m_add;
    QToolButton *m_save;
    QToolButton *m_remove;
    quint64 m_requestId = 0;
};

} // namespace dbops
