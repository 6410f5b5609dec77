#include "item/overviewstoresmodel.h"

#include "core/format.h"
#include "item/itemroles.h"

#include <QDir>

namespace dbops {

OverviewStoresModel::OverviewStoresModel(QObject *parent) : QAbstractTableModel(parent) {}

void OverviewStoresModel::setOverview(const Overview &overview)
{
    beginResetModel();
    m_root = overview.database;
    m_stores = overview.stores;
    endResetModel();
}

QString OverviewStoresModel::storeName(int row) const
{
    const QString path = m_stores.at(row).database;
    return m_root.isEmpty() ? path : QDir(m_root).relativeFilePath(path);
}

int OverviewStoresModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stores.size());
}

int OverviewStoresModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OverviewStoresModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Overview &o = m_stores.at(index.row());
    const bool listedOnly = o.engine != QLatin1String("sqlite"); // DuckDB: no Qt SQL driver, never opened
    if (listedOnly && (role == Qt::DisplayRole || role == Qt::ToolTipRole)) {
        if (index.column() == VersionColumn || index.column() == JournalColumn)
            return role == Qt::ToolTipRole ? o.note : QVariant(QStringLiteral("DuckDB"));
        if (index.column() == TablesColumn)
            return role == Qt::ToolTipRole ? o.note : QVariant(QStringLiteral("—"));
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case StoreColumn: return storeName(index.row());
        case VersionColumn: return o.version;
        case SizeColumn: return Format::bytes(o.sizeBytes);
        case WalColumn: return Format::bytes(o.walBytes);
        case JournalColumn: return o.journalMode;
        case TablesColumn: return int(o.tables.size());
        }
    } else if (role == ItemRole::SortRole) {
        switch (index.column()) {
        case SizeColumn: return o.sizeBytes;
        case WalColumn: return o.walBytes;
        case TablesColumn: return int(o.tables.size());
        default: return data(index, Qt::DisplayRole);
        }
    } else if (role == Qt::TextAlignmentRole && index.column() >= SizeColumn && index.column() != JournalColumn) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::ToolTipRole && index.column() == StoreColumn) {
        return o.database;
    } else if (role == ItemRole::PathRole) {
        return o.database;
    } else if (role == ItemRole::SeverityRole) {
        // A WAL larger than its database usually means checkpoints are not keeping up.
        return int(o.walBytes > 0 && o.walBytes > o.sizeBytes ? Severity::Warning : Severity::Normal);
    }
    return {};
}

QVariant OverviewStoresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Store", "SQLite", "Size", "WAL", "Journal", "Tables"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

} // namespace dbops
