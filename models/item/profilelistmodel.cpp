#include "item/profilelistmodel.h"

#include "item/itemroles.h"

#include <QFileInfo>

namespace dbops {

ProfileListModel::ProfileListModel(QObject *parent) : QAbstractListModel(parent) {}

void ProfileListModel::setProfiles(const QList<Profile> &profiles)
{
    beginResetModel();
    m_profiles = profiles;
    endResetModel();
}

void ProfileListModel::setCurrent(const Target &target)
{
    beginResetModel();
    m_current = target;
    endResetModel();
}

void ProfileListModel::setStatus(const QString &profile, Severity worst, const QString &reasons)
{
    m_status.insert(profile, {worst, reasons});
    const int offset = currentIsUnsaved() ? 1 : 0;
    for (int i = 0; i < m_profiles.size(); ++i)
        if (m_profiles[i].name == profile)
            Q_EMIT dataChanged(index(i + offset), index(i + offset));
}

const ProfileListModel::Status *ProfileListModel::statusOf(const QString &profile) const
{
    const auto it = m_status.constFind(profile);
    return it == m_status.cend() ? nullptr : &it.value();
}

bool ProfileListModel::currentIsUnsaved() const
{
    if (!m_current.isValid())
        return false;
    for (const Profile &p : m_profiles)
        if (p.name == m_current.profileName || p.target.toSpec() == m_current.toSpec())
            return false;
    return true;
}

int ProfileListModel::rowOfCurrent() const
{
    if (!m_current.isValid())
        return -1;
    if (currentIsUnsaved())
        return 0;
    for (int i = 0; i < m_profiles.size(); ++i)
        if (m_profiles[i].name == m_current.profileName || m_profiles[i].target.toSpec() == m_current.toSpec())
            return i;
    return -1;
}

Target ProfileListModel::targetAt(int row) const
{
    const int offset = currentIsUnsaved() ? 1 : 0;
    if (row < 0 || row >= rowCount())
        return {};
    if (row < offset)
        return m_current;
    Target t = m_profiles.at(row - offset).target;
    t.profileName = m_profiles.at(row - offset).name;
    return t;
}

int ProfileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_profiles.size()) + (currentIsUnsaved() ? 1 : 0);
}

QVariant ProfileListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const bool unsavedRow = currentIsUnsaved() && index.row() == 0;
    const Target t = targetAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (unsavedRow) {
            const QString name = t.isPostgres() ? t.databaseName() : QFileInfo(t.path).fileName();
            return name.isEmpty() ? t.display() : name;
        }
        return t.profileName;
    case Qt::ToolTipRole: {
        const Status *status = unsavedRow ? nullptr : statusOf(t.profileName);
        return status ? t.display() + QLatin1Char('\n') + status->reasons : t.display();
    }
    case ItemRole::SeverityRole: {
        const Status *status = unsavedRow ? nullptr : statusOf(t.profileName);
        return status ? QVariant(int(status->worst)) : QVariant();
    }
    case ItemRole::SubtitleRole: return t.display();
    case ItemRole::TargetRole: return QVariant::fromValue(t);
    case IsCurrentRole: return index.row() == rowOfCurrent();
    case IsSavedRole: return !unsavedRow;
    case ProfileNameRole: return unsavedRow ? QString() : t.profileName;
    }
    return {};
}

} // namespace dbops
