#pragma once
// Shows the log records at or above a minimum level (LogModel::levelRank).
#include <QSortFilterProxyModel>

namespace dbops {

class LogFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit LogFilterProxy(QObject *parent = nullptr);
    void setMinimumLevel(int rank);
    int minimumLevel() const { return m_minimum; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_minimum = 0;
};

} // namespace dbops
