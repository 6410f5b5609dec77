#pragma once
// The restore impact preview as a table, one row per table of the store or the backup: rows and newest
// timestamp now and in the backup, and the rows the restore takes away. Rows that lose data are Critical,
// tables created or dropped by the restore Warning (SeverityRole); SortRole gives numbers for numeric columns.
#include "ops/restoreplan.h"

#include <QAbstractTableModel>

namespace dbops {

class RestoreImpactModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TableColumn,
        RowsNowColumn,
        RowsBackupColumn,
        NewestNowColumn,
        NewestBackupColumn,
        LostColumn,
        ColumnCount
    };

    explicit RestoreImpactModel(QObject *parent = nullptr);
    void setImpact(const RestoreImpact &impact);
    void setPlan(const RestorePlan &plan) { setImpact(plan.impact); }
    void clear();
    const RestoreImpact &impact() const { return m_impact; }
    // "412 rows will be lost in 2 tables; schema changes: …" — the line above the table.
    QString headline() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    RestoreImpact m_impact;
};

} // namespace dbops
