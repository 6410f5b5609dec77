#include "item/tablenamesmodel.h"

#include "item/itemroles.h"

#include <QDir>

namespace dbops {

TableNamesModel::TableNamesModel(QObject *parent) : QAbstractTableModel(parent) {}

void TableNamesModel::setOverview(const Overview &overview)
{
    beginResetModel();
    m_rows.clear();
    m_hasStores = !overview.stores.isEmpty();
    if (m_hasStores) {
        const QDir root(overview.database);
        for (const Overview &store : overview.stores)
            for (const QString &table : store.tables)
                m_rows.append({table, root.relativeFilePath(store.database)});
    } else {
        for (const QString &table : overview.tables)
            m_rows.append({table, QString()});
    }
    endResetModel();
}

int TableNamesModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int TableNamesModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TableNamesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == ItemRole::SortRole)
        return index.column() == TableColumn ? r.table : r.store;
    return {};
}

QVariant TableNamesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == TableColumn   ? QStringLiteral("Table")
           : section == StoreColumn ? QStringLiteral("Store")
                                    : QVariant();
}

} // namespace dbops
