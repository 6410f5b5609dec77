#pragma once
// The sidebar's targets: the current target when it is not a saved profile, then the saved profiles by name,
// each saved one with its latest status (its worst state as ItemRole::SeverityRole, the reasons in the tooltip)
// once the background check has seen it.
#include "probe/profilejobs.h"

#include "core/severity.h"

#include <QAbstractListModel>
#include <QHash>

namespace dbops {

class ProfileListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { IsCurrentRole = Qt::UserRole + 50, IsSavedRole, ProfileNameRole };

    explicit ProfileListModel(QObject *parent = nullptr);
    void setProfiles(const QList<Profile> &profiles);
    const QList<Profile> &profiles() const { return m_profiles; }
    void setCurrent(const Target &target); // an invalid target clears it
    const Target &current() const { return m_current; }
    // The background status check's verdict for a saved profile; kept across reloads of the list.
    void setStatus(const QString &profile, Severity worst, const QString &reasons);
    int rowOfCurrent() const; // -1 when there is no current target
    Target targetAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    bool currentIsUnsaved() const;
    struct Status {
        Severity worst = Severity::Quiet;
        QString reasons;
    };
    QList<Profile> m_profiles;
    Target m_current;
    QHash<QString, Status> m_status; // by profile name
    const Status *statusOf(const QString &profile) const;
};

} // namespace dbops
