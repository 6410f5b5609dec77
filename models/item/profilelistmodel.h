#pragma once
// The sidebar's targets: the current target when it is not a saved profile, then the saved profiles by name.
#include "probe/profilejobs.h"

#include <QAbstractListModel>

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
    int rowOfCurrent() const; // -1 when there is no current target
    Target targetAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    bool currentIsUnsaved() const;
    QList<Profile> m_profiles;
    Target m_current;
};

} // namespace dbops
