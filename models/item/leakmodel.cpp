#include "item/leakmodel.h"

#include "core/format.h"
#include "item/itemroles.h"

namespace dbops {

LeakModel::LeakModel(QObject *parent) : QAbstractTableModel(parent) {}

void LeakModel::setSuspects(const QList<LeakSuspect> &suspects)
{
    beginResetModel();
    m_suspects = suspects;
    endResetModel();
}

int LeakModel::pidAt(int row) const { return row >= 0 && row < m_suspects.size() ? m_suspects.at(row).pid : 0; }

int LeakModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_suspects.size(); }

int LeakModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LeakModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_suspects.size())
        return {};
    const LeakSuspect &l = m_suspects.at(index.row());
    if (role == ItemRole::SeverityRole)
        return int(Severity::Warning);
    if (role == ItemRole::KeyRole)
        return l.pid;
    if (role != Qt::DisplayRole && role != ItemRole::SortRole && role != Qt::ToolTipRole)
        return {};
    const bool display = role == Qt::DisplayRole;
    switch (index.column()) {
    case PidColumn: return l.pid;
    case ApplicationColumn: return l.application;
    case StateColumn: return l.state;
    case SecondsColumn: return display ? QVariant(Format::duration(qint64(l.seconds))) : QVariant(l.seconds);
    case ConnectionColumn:
        return display ? QVariant(Format::duration(qint64(l.backendSeconds))) : QVariant(l.backendSeconds);
    case ReasonColumn: return l.reason;
    case QueryColumn: return role == Qt::ToolTipRole ? l.query : l.query.simplified();
    }
    return {};
}

QVariant LeakModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"PID", "Application", "State", "For", "Connected for", "Why", "Last statement"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace dbops
