#pragma once
// Item models over a HealthReport: one row per table (rows, sizes, dead tuples, last write) and one row per
// finding. SeverityRole carries the worst finding of a table / the finding's severity, as dbops::Severity.
#include "schema/healthreport.h"

#include <QAbstractTableModel>
#include <QHash>

namespace dbops {

class HealthTablesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TableColumn, // the table's own name; the store it lives in has a column of its own (StoreColumn)
        RowsColumn,
        TableBytesColumn,
        IndexBytesColumn,
        TotalBytesColumn,
        DeadColumn,
        LastWriteColumn,
        StoreColumn, // data directory: the store's relative path; empty for a single store
        ColumnCount
    };

    explicit HealthTablesModel(QObject *parent = nullptr);
    void setReport(const HealthReport &report);
    const TableHealth &table(int row) const { return m_tables.at(row); }
    // Whether any row names a store (a data directory): the store column is worth showing.
    bool hasStores() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<TableHealth> m_tables;
    QHash<QString, int> m_severity; // table -> dbops::Severity
};

class HealthFindingsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SeverityColumn, TableColumn, StoreColumn, CodeColumn, MessageColumn, ColumnCount };

    explicit HealthFindingsModel(QObject *parent = nullptr);
    void setReport(const HealthReport &report);
    const HealthFinding &finding(int row) const { return m_findings.at(row); }
    bool hasStores() const;
    // FindingSeverity as the item roles' Severity (info → Normal, warn → Warning, critical → Critical).
    static int severityOf(FindingSeverity s);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<HealthFinding> m_findings;
};

} // namespace dbops
