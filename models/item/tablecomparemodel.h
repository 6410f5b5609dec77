#pragma once
// A compare of the live database with a side instance (TableCompare) as a table, one row per table: rows and
// newest timestamp on both sides (shown as the console shows times, TimeValue::display; the value as stored in the
// tooltip). A table that differs is Warning (SeverityRole), one on one side only Critical; KeyRole is the table
// (schema.table), the name copy-back takes.
#include "pitr/tablecompare.h"

#include <QAbstractTableModel>

namespace dbops {

class TableCompareModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TableColumn, RowsLiveColumn, RowsSideColumn, NewestLiveColumn, NewestSideColumn, ColumnCount };

    explicit TableCompareModel(QObject *parent = nullptr);
    void setResult(const CompareResult &result);
    const CompareResult &result() const { return m_result; }
    // The row of `table` (schema.table); -1 when it is not listed.
    int rowOf(const QString &table) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static QString about(const TableDiff &t); // the tooltip's line on the table

    CompareResult m_result;
};

} // namespace dbops
