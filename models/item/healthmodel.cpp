#include "item/healthmodel.h"

#include "core/format.h"
#include "item/itemroles.h"

#include <algorithm>

namespace dbops {

int HealthFindingsModel::severityOf(FindingSeverity s)
{
    switch (s) {
    case FindingSeverity::Critical: return int(Severity::Critical);
    case FindingSeverity::Warn: return int(Severity::Warning);
    case FindingSeverity::Info: break;
    }
    return int(Severity::Normal);
}

HealthTablesModel::HealthTablesModel(QObject *parent) : QAbstractTableModel(parent) {}

void HealthTablesModel::setReport(const HealthReport &report)
{
    beginResetModel();
    m_tables = report.tables;
    m_severity.clear();
    for (const HealthFinding &f : report.findings) {
        int &worst = m_severity[f.table];
        worst = std::max(worst, HealthFindingsModel::severityOf(f.severity));
    }
    endResetModel();
}

bool HealthTablesModel::hasStores() const
{
    return std::any_of(m_tables.cbegin(), m_tables.cend(), [](const TableHealth &t) { return !t.store.isEmpty(); });
}

int HealthTablesModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_tables.size()); }

int HealthTablesModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant HealthTablesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_tables.size())
        return {};
    const TableHealth &t = m_tables.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TableColumn: return t.bareName();
        case StoreColumn: return t.store;
        case RowsColumn:
            return t.rows < 0 ? QStringLiteral("?")
                              : (t.rowsExact ? QString() : QStringLiteral("≈ ")) + Format::count(t.rows);
        case TableBytesColumn: return Format::bytes(t.tableBytes);
        case IndexBytesColumn: return Format::bytes(t.indexBytes);
        case TotalBytesColumn: return Format::bytes(t.bytes());
        case DeadColumn:
            return t.deadTuples < 0 ? QString()
                                    : QStringLiteral("%1 (%2 %)").arg(t.deadTuples).arg(t.deadPercent, 0, 'f', 1);
        case LastWriteColumn:
            return t.lastWriteAgeS < 0 ? QString()
                                       : Format::duration(t.lastWriteAgeS) + QStringLiteral(" ago") +
                                             (t.ageApproximate ? QStringLiteral(" (by rowid)") : QString());
        default: break;
        }
    } else if (role == ItemRole::SortRole) {
        switch (index.column()) {
        case TableColumn: return t.bareName();
        case StoreColumn: return t.store;
        case RowsColumn: return t.rows;
        case TableBytesColumn: return t.tableBytes;
        case IndexBytesColumn: return t.indexBytes;
        case TotalBytesColumn: return t.bytes();
        case DeadColumn: return t.deadPercent;
        case LastWriteColumn: return t.lastWriteAgeS;
        default: break;
        }
    } else if (role == ItemRole::SeverityRole) {
        return m_severity.value(t.name, int(Severity::Normal));
    } else if (role == ItemRole::KeyRole) {
        return t.name;
    } else if (role == Qt::ToolTipRole && index.column() == LastWriteColumn && !t.timeColumn.isEmpty()) {
        return QStringLiteral("%1: oldest %2, newest %3").arg(t.timeColumn, t.oldest, t.newest);
    } else if (role == Qt::TextAlignmentRole && index.column() != TableColumn && index.column() != StoreColumn) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant HealthTablesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TableColumn: return QStringLiteral("Table");
    case StoreColumn: return QStringLiteral("Store");
    case RowsColumn: return QStringLiteral("Rows");
    case TableBytesColumn: return QStringLiteral("Data");
    case IndexBytesColumn: return QStringLiteral("Indexes");
    case TotalBytesColumn: return QStringLiteral("Total");
    case DeadColumn: return QStringLiteral("Dead tuples");
    case LastWriteColumn: return QStringLiteral("Last write");
    default: return {};
    }
}

HealthFindingsModel::HealthFindingsModel(QObject *parent) : QAbstractTableModel(parent) {}

void HealthFindingsModel::setReport(const HealthReport &report)
{
    beginResetModel();
    m_findings = report.findings;
    std::stable_sort(m_findings.begin(), m_findings.end(),
                     [](const HealthFinding &a, const HealthFinding &b) { return a.severity > b.severity; });
    endResetModel();
}

bool HealthFindingsModel::hasStores() const
{
    return std::any_of(m_findings.cbegin(), m_findings.cend(),
                       [](const HealthFinding &f) { return !f.store.isEmpty(); });
}

int HealthFindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int HealthFindingsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant HealthFindingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_findings.size())
        return {};
    const HealthFinding &f = m_findings.at(index.row());
    if (role == Qt::DisplayRole || role == ItemRole::SortRole) {
        switch (index.column()) {
        case SeverityColumn:
            return role == ItemRole::SortRole ? QVariant(int(f.severity))
                                              : QVariant(HealthFinding::severityName(f.severity));
        case TableColumn: return bareTableName(f.table, f.store);
        case StoreColumn: return f.store;
        case CodeColumn: return f.code;
        case MessageColumn: return f.message;
        default: break;
        }
    } else if (role == ItemRole::SeverityRole) {
        return severityOf(f.severity);
    } else if (role == Qt::ToolTipRole && index.column() == MessageColumn) {
        return f.message;
    }
    return {};
}

QVariant HealthFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return QStringLiteral("Severity");
    case TableColumn: return QStringLiteral("Table");
    case StoreColumn: return QStringLiteral("Store");
    case CodeColumn: return QStringLiteral("Finding");
    case MessageColumn: return QStringLiteral("Message");
    default: return {};
    }
}

} // namespace dbops
