#include "item/poolmodel.h"

#include "item/itemroles.h"

namespace dbops {

PoolModel::PoolModel(QObject *parent) : QAbstractTableModel(parent) {}

void PoolModel::setPool(const PgPool &pool)
{
    if (pool.applications.size() == m_pool.applications.size()) {
        m_pool = pool; // same shape: refresh in place, selection and scroll stay
        if (!m_pool.applications.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_pool = pool;
    endResetModel();
}

int PoolModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_pool.applications.size(); }

int PoolModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PoolModel::value(const AppUsage &a, int column) const
{
    switch (column) {
    case NameColumn: return a.name.isEmpty() ? tr("(no application_name)") : a.name;
    case TotalColumn: return a.counts.total();
    case ActiveColumn: return a.counts.active;
    case WaitingColumn: return a.counts.waiting;
    case IdleColumn: return a.counts.idle;
    case IdleInTxColumn: return a.counts.idleInTransaction;
    case AbortedColumn: return a.counts.idleInTransactionAborted;
    case PoolMaxColumn: return a.poolMax > 0 ? QVariant(a.poolMax) : QVariant();
    case UsageColumn: return a.usagePct;
    }
    return {};
}

QVariant PoolModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_pool.applications.size())
        return {};
    const AppUsage &a = m_pool.applications.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == UsageColumn)
            return QString(QStringLiteral("%1 %").arg(a.usagePct, 0, 'f', 1) +
                           (a.poolMax > 0 ? QString() : tr(" of server")));
        if (index.column() == PoolMaxColumn && a.poolMax == 0)
            return QStringLiteral("—");
        return value(a, index.column());
    case ItemRole::SortRole: return value(a, index.column());
    case ItemRole::SeverityRole: return int(a.severity);
    case ItemRole::KeyRole: return a.name;
    case Qt::TextAlignmentRole:
        return index.column() == NameColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole: {
        QStringList lines;
        for (const PoolGroup &g : a.groups)
            lines << tr("%1@%2/%3: %4 connections")
                         .arg(g.user, g.clientAddr.isEmpty() ? tr("local") : g.clientAddr, g.database)
                         .arg(g.counts.total());
        return lines.join(QLatin1Char('\n'));
    }
    }
    return {};
}

QVariant PoolModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Application", "Total",      "Active",   "Waiting", "Idle",
                                        "Idle in tx",  "Aborted tx", "Pool max", "Usage"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace dbops
