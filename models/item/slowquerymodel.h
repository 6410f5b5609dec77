#pragma once
// The Activity panel's statements table: pg_stat_statements / sampled statements / SQLite probes, with the
// row's severity (over the threshold, or a plan finding).
#include "activity/slowsnapshot.h"

#include <QAbstractTableModel>

namespace dbops {

class SlowQueryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        QueryColumn,
        CallsColumn,
        MeanColumn,
        TotalColumn,
        RowsColumn,
        PctColumn,
        CacheHitColumn,
        FindingsColumn,
        ColumnCount
    };

    explicit SlowQueryModel(QObject *parent = nullptr);
    void setStatements(const QList<StatementStat> &statements);
    const QList<StatementStat> &statements() const { return m_statements; }
    // The statement text of a row (for EXPLAIN), empty when out of range.
    QString query(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant value(const StatementStat &s, int column) const;
    QList<StatementStat> m_statements;
};

} // namespace dbops
