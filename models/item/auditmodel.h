#pragma once
// The Audit panel's rows: recent operator actions, newest first (as AuditLog::recent returns them).
#include "audit/auditlog.h"

#include <QAbstractTableModel>

namespace dbops {

class AuditModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        UserColumn,
        TargetColumn,
        ActionColumn,
        ParametersColumn,
        OutcomeColumn,
        DetailColumn,
        ColumnCount
    };

    explicit AuditModel(QObject *parent = nullptr);
    void setRecords(const QList<AuditRecord> &records);
    const QList<AuditRecord> &records() const { return m_records; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString display(const AuditRecord &r, int column) const;
    QList<AuditRecord> m_records;
};

} // namespace dbops
