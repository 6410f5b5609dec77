#include "item/originmodel.h"

#include "item/itemroles.h"

namespace dbops {

OriginModel::OriginModel(QObject *parent) : QAbstractTableModel(parent) {}

void OriginModel::setOrigins(const QList<SettingOrigin> &origins)
{
    beginResetModel();
    m_origins = origins;
    endResetModel();
}

int OriginModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_origins.size()); }

int OriginModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OriginModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SettingOrigin &o = m_origins.at(index.row());
    const bool isDefault = o.source.contains(QLatin1String("default"));
    switch (role) {
    case Qt::DisplayRole:
    case ItemRole::SortRole:
        switch (index.column()) {
        case SettingColumn: return o.setting;
        case ValueColumn: return o.value.isEmpty() && isDefault ? QStringLiteral("(default)") : o.value;
        case SourceColumn: return o.source;
        }
        return {};
    case Qt::ToolTipRole: return index.column() == SourceColumn ? o.source : o.value;
    case ItemRole::SeverityRole: return int(isDefault ? Severity::Quiet : Severity::Normal);
    }
    return {};
}

QVariant OriginModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SettingColumn: return QStringLiteral("Setting");
    case ValueColumn: return QStringLiteral("Value");
    case SourceColumn: return QStringLiteral("Came from");
    }
    return {};
}

} // namespace dbops
