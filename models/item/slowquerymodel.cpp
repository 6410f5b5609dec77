#include "item/slowquerymodel.h"

#include "item/itemroles.h"

namespace dbops {

SlowQueryModel::SlowQueryModel(QObject *parent) : QAbstractTableModel(parent) {}

void SlowQueryModel::setStatements(const QList<StatementStat> &statements)
{
    beginResetModel();
    m_statements = statements;
    endResetModel();
}

QString SlowQueryModel::query(int row) const
{
    return row >= 0 && row < m_statements.size() ? m_statements.at(row).query : QString();
}

int SlowQueryModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_statements.size(); }

int SlowQueryModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SlowQueryModel::value(const StatementStat &s, int column) const
{
    switch (column) {
    case QueryColumn:
        return s.name.isEmpty() ? s.query.simplified() : s.name + QStringLiteral(": ") + s.query.simplified();
    case CallsColumn: return s.calls;
    case MeanColumn: return s.meanMs;
    case TotalColumn: return s.totalMs;
    case RowsColumn: return s.rows >= 0 ? QVariant(s.rows) : QVariant();
    case PctColumn: return s.pctOfTotal;
    case CacheHitColumn: return s.cacheHitPct >= 0 ? QVariant(s.cacheHitPct) : QVariant();
    case FindingsColumn: return s.error.isEmpty() ? s.findings.join(QStringLiteral("; ")) : s.error;
    }
    return {};
}

QVariant SlowQueryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_statements.size())
        return {};
    const StatementStat &s = m_statements.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const QVariant v = value(s, index.column());
        if (index.column() == MeanColumn || index.column() == TotalColumn)
            return QString::number(v.toDouble(), 'f', 1);
        if ((index.column() == PctColumn || index.column() == CacheHitColumn) && v.isValid())
            return QStringLiteral("%1 %").arg(v.toDouble(), 0, 'f', 1);
        return v;
    }
    case ItemRole::SortRole: return value(s, index.column());
    case ItemRole::SeverityRole: return int(s.severity);
    case ItemRole::KeyRole: // pg_stat_statements names a statement by its queryid; samples and probes by their text
        return s.queryId != 0 ? QStringLiteral("queryid %1").arg(s.queryId) : s.name + QLatin1Char('\n') + s.query;
    case Qt::ToolTipRole:
        return s.plan.isEmpty() ? s.query : s.query + QStringLiteral("\n\n") + s.plan.join(QLatin1Char('\n'));
    case Qt::TextAlignmentRole:
        return index.column() == QueryColumn || index.column() == FindingsColumn
                   ? QVariant()
                   : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    }
    return {};
}

QVariant SlowQueryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Statement", "Calls",      "Mean ms",   "Total ms",
                                        "Rows",      "% of total", "Cache hit", "Findings"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace dbops
