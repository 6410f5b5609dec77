#pragma once
// Running statements and open transactions, the blocking tree first: root blockers at depth 0 with the
// sessions they block indented below them, then the other long-running sessions. Thin table model over a
// SlowSnapshot; PidRole gives the pid for cancel / terminate.
#include "activity/slowsnapshot.h"

#include <QAbstractTableModel>

namespace dbops {

class RunningModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        PidColumn,
        ApplicationColumn,
        StateColumn,
        SecondsColumn,
        WaitColumn,
        BlockedByColumn,
        QueryColumn,
        ColumnCount
    };
    enum Role { PidRole = Qt::UserRole + 40, DepthRole };

    explicit RunningModel(QObject *parent = nullptr);
    void setSnapshot(const SlowSnapshot &snapshot);
    int pidAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        RunningQuery query;
        int depth = -1; // -1: not in the blocking tree
    };
    QList<Row> m_rows;
};

} // namespace dbops
