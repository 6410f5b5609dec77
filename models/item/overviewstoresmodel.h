#pragma once
// One row per SQLite store of a data directory's overview (Overview::stores).
#include "probe/overview.h"

#include <QAbstractTableModel>

namespace dbops {

class OverviewStoresModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StoreColumn, VersionColumn, SizeColumn, WalColumn, JournalColumn, TablesColumn, ColumnCount };

    explicit OverviewStoresModel(QObject *parent = nullptr);
    void setOverview(const Overview &overview);
    // The store's path relative to the data directory ("trading/trading.db").
    QString storeName(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_root;
    QList<Overview> m_stores;
};

} // namespace dbops
