#include "item/auditmodel.h"

#include "core/format.h"
#include "item/itemroles.h"

namespace dbops {

AuditModel::AuditModel(QObject *parent) : QAbstractTableModel(parent) {}

void AuditModel::setRecords(const QList<AuditRecord> &records)
{
    beginResetModel();
    m_records = records;
    endResetModel();
}

QString AuditModel::display(const AuditRecord &r, int column) const
{
    switch (column) {
    case TimeColumn: return Format::moment(r.at);
    case UserColumn: return r.osUser;
    case TargetColumn: return r.target;
    case ActionColumn: return r.action;
    case ParametersColumn: return r.parameters;
    case OutcomeColumn: return r.outcome;
    case DetailColumn: return r.detail;
    }
    return {};
}

int AuditModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_records.size()); }

int AuditModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditRecord &r = m_records.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(r, index.column());
    case Qt::ToolTipRole: return index.column() == TimeColumn ? Format::momentUtc(r.at) : display(r, index.column());
    case ItemRole::SortRole:
        return index.column() == TimeColumn ? QVariant(r.at) : QVariant(display(r, index.column()));
    case ItemRole::SeverityRole: {
        const QString o = r.outcome.toLower();
        if (o == QLatin1String("ok"))
            return int(Severity::Good);
        if (o == QLatin1String("failed"))
            return int(Severity::Critical);
        if (o == QLatin1String("cancelled") || o == QLatin1String("refused") || o == QLatin1String("warning"))
            return int(Severity::Warning);
        return int(Severity::Normal);
    }
    }
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Time", "OS user", "Target", "Action", "Parameters", "Outcome", "Detail"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

} // namespace dbops
