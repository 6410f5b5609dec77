#pragma once
// Item models over a PostgreSQL target's replication state (the Health tab's Replication section): one row per
// connected standby (pg_stat_replication) and one per replication slot (pg_replication_slots). SeverityRole
// says what the health findings say: a standby lagging beyond PgReplication's thresholds is a warning, a slot
// nobody reads that keeps WAL a warning or critical (PgSlotState::severity()).
#include "schema/pgreplication.h"

#include <QAbstractTableModel>

namespace dbops {

class StandbysModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn, // application_name
        ClientColumn,
        StateColumn,
        SyncColumn,
        SentLagColumn,
        ReplayLagColumn,
        ReplayTimeColumn,
        ColumnCount
    };

    explicit StandbysModel(QObject *parent = nullptr);
    void setStandbys(const QList<PgStandbyState> &standbys);
    const PgStandbyState &standbyAt(int row) const { return m_standbys.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PgStandbyState> m_standbys;
};

class ReplicationSlotsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, DatabaseColumn, ActiveColumn, WalStatusColumn, RetainedColumn, ColumnCount };

    explicit ReplicationSlotsModel(QObject *parent = nullptr);
    void setSlots(const QList<PgSlotState> &slotList);
    const PgSlotState &slotAt(int row) const { return m_slots.at(row); }
    // What to do about a slot nobody reads that keeps WAL, with the statement that drops it (shown, never run);
    // empty for any other slot.
    static QString advice(const PgSlotState &slot);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PgSlotState> m_slots;
};

} // namespace dbops
