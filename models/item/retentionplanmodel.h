#pragma once
// The dry run of retention in the GUI: one row per policy of a RetentionPlan. Columns: table, keep, rows to
// delete, rows in the table, oldest and newest expired (UTC), space, archive. SortRole gives numbers and times.
#include "cleanup/retentionplan.h"

#include <QAbstractTableModel>

namespace dbops {

class RetentionPlanModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TableColumn,
        KeepColumn,
        RowsColumn,
        TotalColumn,
        OldestColumn,
        NewestColumn,
        SpaceColumn,
        ArchiveColumn,
        ColumnCount
    };
    explicit RetentionPlanModel(QObject *parent = nullptr);
    void setPlan(const RetentionPlan &plan);
    const RetentionPlan &plan() const { return m_plan; }
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    RetentionPlan m_plan;
};

} // namespace dbops
