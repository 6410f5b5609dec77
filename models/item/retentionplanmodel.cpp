#include "item/retentionplanmodel.h"

#include "core/format.h"
#include "item/itemroles.h"

namespace dbops {

namespace {

QString when(const QDateTime &at, const QString &raw) { return at.isValid() ? Format::moment(at) : raw; }

} // namespace

RetentionPlanModel::RetentionPlanModel(QObject *parent) : QAbstractTableModel(parent) {}

void RetentionPlanModel::setPlan(const RetentionPlan &plan)
{
    beginResetModel();
    m_plan = plan;
    endResetModel();
}

int RetentionPlanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.tables.size());
}

int RetentionPlanModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RetentionPlanModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_plan.tables.size())
        return {};
    const RetentionMeasure &m = m_plan.tables.at(index.row());
    if (role == ItemRole::SeverityRole)
        return int(m.rows > 0 ? Severity::Warning : Severity::Quiet);
    if (role == Qt::TextAlignmentRole)
        return index.column() == RowsColumn || index.column() == TotalColumn || index.column() == SpaceColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    if (role == ItemRole::SortRole) {
        switch (index.column()) {
        case RowsColumn: return m.rows;
        case TotalColumn: return m.totalRows;
        case SpaceColumn: return m.bytesEstimate;
        case OldestColumn: return m.oldestAt;
        case NewestColumn: return m.newestAt;
        default: break;
        }
    }
    if (role == Qt::ToolTipRole && (index.column() == OldestColumn || index.column() == NewestColumn))
        return QStringLiteral("%1\nas stored: %2 (cut-off %3, column %4 as %5)")
            .arg(Format::momentUtc(index.column() == OldestColumn ? m.oldestAt : m.newestAt),
                 index.column() == OldestColumn ? m.oldest : m.newest, Format::momentUtc(m.cutoff), m.column,
                 m.encoding);
    if (role != Qt::DisplayRole && role != ItemRole::SortRole)
        return {};
    switch (index.column()) {
    case TableColumn: return m.table;
    case KeepColumn: return m.keep;
    case RowsColumn: return Format::count(m.rows);
    case TotalColumn: return Format::count(m.totalRows);
    case OldestColumn: return m.rows > 0 ? when(m.oldestAt, m.oldest) : QStringLiteral("—");
    case NewestColumn: return m.rows > 0 ? when(m.newestAt, m.newest) : QStringLiteral("—");
    case SpaceColumn: return m.bytesEstimate < 0 ? QStringLiteral("?") : Format::bytes(m.bytesEstimate);
    case ArchiveColumn: return m.archiveTable.isEmpty() ? QStringLiteral("—") : m.archiveTable;
    default: return {};
    }
}

QVariant RetentionPlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Table",        "Keep",         "Rows to delete", "Rows now",
                                        "Oldest (UTC)", "Newest to go", "Space",          "Archive into"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

} // namespace dbops
