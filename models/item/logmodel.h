#pragma once
// The log panel's rows: the newest `capacity` records, oldest first. Appending past the cap drops the oldest.
#include "log/logrecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace dbops {

class LogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, LoggerColumn, MessageColumn, ColumnCount };

    explicit LogModel(int capacity = 5000, QObject *parent = nullptr);

    void append(const LogRecord &record);
    void setRecords(const QList<LogRecord> &records);
    void clear();
    int capacity() const { return m_capacity; }
    const LogRecord &record(int row) const { return m_records.at(row); }

    // trace 0, debug 1, info 2, warning 3, error 4, critical 5 (spdlog's names; unknown text is info).
    static int levelRank(const QString &level);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<LogRecord> m_records;
    int m_capacity;
};

} // namespace dbops
