#pragma once
// Leak suspects of the pool view: pid, application, state, age in that state, connection age, last query.
#include "activity/pgpool.h"

#include <QAbstractTableModel>

namespace dbops {

class LeakModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        PidColumn,
        ApplicationColumn,
        StateColumn,
        SecondsColumn,
        ConnectionColumn,
        ReasonColumn,
        QueryColumn,
        ColumnCount
    };

    explicit LeakModel(QObject *parent = nullptr);
    void setSuspects(const QList<LeakSuspect> &suspects);
    int pidAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<LeakSuspect> m_suspects;
};

} // namespace dbops
