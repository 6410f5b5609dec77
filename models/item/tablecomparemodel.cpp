#include "item/tablecomparemodel.h"

#include "core/format.h"
#include "item/itemroles.h"
#include "schema/timevalue.h"

namespace dbops {

namespace {
QString rowsText(qint64 rows) { return rows < 0 ? QStringLiteral("—") : Format::count(rows); }

Severity severityOf(const TableDiff &t)
{
    if (!t.onlyIn().isEmpty())
        return Severity::Critical;
    return t.differs() ? Severity::Warning : Severity::Normal;
}
} // namespace

TableCompareModel::TableCompareModel(QObject *parent) : QAbstractTableModel(parent) {}

void TableCompareModel::setResult(const CompareResult &result)
{
    beginResetModel();
    m_result = result;
    endResetModel();
}

int TableCompareModel::rowOf(const QString &table) const
{
    for (int i = 0; i < m_result.tables.size(); ++i)
        if (m_result.tables.at(i).table == table)
            return i;
    return -1;
}

int TableCompareModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_result.tables.size());
}

int TableCompareModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TableCompareModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TableDiff &t = m_result.tables.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TableColumn: return t.table;
        case RowsLiveColumn: return rowsText(t.live.rows);
        case RowsSideColumn: return rowsText(t.other.rows);
        case NewestLiveColumn: return TimeValue::display(t.live.newest);
        case NewestSideColumn: return TimeValue::display(t.other.newest);
        }
        break;
    case ItemRole::SortRole:
        switch (index.column()) {
        case RowsLiveColumn: return t.live.rows;
        case RowsSideColumn: return t.other.rows;
        default: return data(index, Qt::DisplayRole);
        }
    case ItemRole::SeverityRole: return int(severityOf(t));
    case ItemRole::KeyRole: return t.table;
    case Qt::ToolTipRole: {
        // The value as PostgreSQL gave it: the cell shows it to the second, in local time.
        const QString stored = index.column() == NewestLiveColumn   ? t.live.newest
                               : index.column() == NewestSideColumn ? t.other.newest
                                                                    : QString();
        return stored.isEmpty() ? about(t) : stored + QLatin1Char('\n') + about(t);
    }
    case Qt::TextAlignmentRole:
        if (index.column() == RowsLiveColumn || index.column() == RowsSideColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default: break;
    }
    return {};
}

QString TableCompareModel::about(const TableDiff &t)
{
    if (t.onlyIn() == QLatin1String("live"))
        return tr("%1 is only in the live database").arg(t.table);
    if (t.onlyIn() == QLatin1String("other"))
        return tr("%1 is only in the side instance").arg(t.table);
    if (t.live.column.isEmpty())
        return (t.differs() ? tr("%1 differs") : tr("%1 is the same on both sides")).arg(t.table);
    return (t.differs() ? tr("%1 differs (newest by %2)") : tr("%1 is the same on both sides (newest by %2)"))
        .arg(t.table, t.live.column);
}

QVariant TableCompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {QT_TR_NOOP("Table"), QT_TR_NOOP("Rows live"),
                                        QT_TR_NOOP("Rows in side instance"), QT_TR_NOOP("Newest live"),
                                        QT_TR_NOOP("Newest in side instance")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace dbops
