#pragma once
// The Activity panel's pool table: one row per application (console excluded), connections by state,
// pool maximum and usage, with the row's severity by the thresholds.
#include "activity/pgpool.h"

#include <QAbstractTableModel>

namespace dbops {

class PoolModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        TotalColumn,
        ActiveColumn,
        WaitingColumn,
        IdleColumn,
        IdleInTxColumn,
        AbortedColumn,
        PoolMaxColumn,
        UsageColumn,
        ColumnCount
    };

    explicit PoolModel(QObject *parent = nullptr);
    void setPool(const PgPool &pool);
    const PgPool &pool() const { return m_pool; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant value(const AppUsage &a, int column) const;
    PgPool m_pool;
};

} // namespace dbops
