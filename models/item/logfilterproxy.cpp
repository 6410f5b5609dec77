#include "item/logfilterproxy.h"

#include "item/logmodel.h"

namespace dbops {

LogFilterProxy::LogFilterProxy(QObject *parent) : QSortFilterProxyModel(parent) {}

void LogFilterProxy::setMinimumLevel(int rank)
{
    if (rank == m_minimum)
        return;
    m_minimum = rank;
    invalidateRowsFilter();
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex level = sourceModel()->index(sourceRow, LogModel::LevelColumn, sourceParent);
    return LogModel::levelRank(level.data().toString()) >= m_minimum;
}

} // namespace dbops
