#pragma once
// The overview's table list: one row per table, with the store it lives in for a data directory.
#include "probe/overview.h"

#include <QAbstractTableModel>

namespace dbops {

class TableNamesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TableColumn, StoreColumn, ColumnCount };

    explicit TableNamesModel(QObject *parent = nullptr);
    void setOverview(const Overview &overview);
    bool hasStores() const { return m_hasStores; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString table;
        QString store;
    };
    QList<Row> m_rows;
    bool m_hasStores = false;
};

} // namespace dbops
