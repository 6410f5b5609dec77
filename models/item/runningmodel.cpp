#include "item/runningmodel.h"

#include "item/itemroles.h"

#include <QSet>

namespace dbops {

RunningModel::RunningModel(QObject *parent) : QAbstractTableModel(parent) {}

void RunningModel::setSnapshot(const SlowSnapshot &snapshot)
{
    QHash<int, RunningQuery> byPid;
    for (const RunningQuery &r : snapshot.running)
        byPid.insert(r.pid, r);
    beginResetModel();
    m_rows.clear();
    QSet<int> shown;
    for (const BlockingNode &n : snapshot.blockingTree) {
        RunningQuery r = byPid.value(n.pid);
        r.pid = n.pid; // a blocker that is not a client session (e.g. autovacuum) still gets a row
        m_rows << Row{r, n.depth};
        shown.insert(n.pid);
    }
    for (const RunningQuery &r : snapshot.running)
        if (!shown.contains(r.pid))
            m_rows << Row{r, -1};
    endResetModel();
}

int RunningModel::pidAt(int row) const { return row >= 0 && row < m_rows.size() ? m_rows.at(row).query.pid : 0; }

int RunningModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_rows.size(); }

int RunningModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunningModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const RunningQuery &r = row.query;
    if (role == PidRole || role == ItemRole::KeyRole)
        return r.pid;
    if (role == DepthRole)
        return row.depth;
    if (role == ItemRole::SeverityRole)
        return int(!r.blockedBy.isEmpty() ? Severity::Warning : r.blocking > 0 ? Severity::Critical : Severity::Normal);
    if (role != Qt::DisplayRole && role != ItemRole::SortRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case PidColumn:
        if (role != Qt::DisplayRole)
            return r.pid;
        return row.depth > 0
                   ? QString(2 * (row.depth - 1), QLatin1Char(' ')) + QStringLiteral("└ ") + QString::number(r.pid)
                   : QString::number(r.pid);
    case ApplicationColumn: return r.application;
    case StateColumn: return r.state;
    case SecondsColumn:
        return role == Qt::DisplayRole ? QVariant(QString::number(r.seconds, 'f', 1)) : QVariant(r.seconds);
    case WaitColumn: return r.waitEventType.isEmpty() ? QString() : r.waitEventType + QLatin1Char(':') + r.waitEvent;
    case BlockedByColumn: {
        QStringList pids;
        for (int p : r.blockedBy)
            pids << QString::number(p);
        return pids.join(QStringLiteral(", "));
    }
    case QueryColumn: return role == Qt::ToolTipRole ? r.query : r.query.simplified();
    }
    return {};
}

QVariant RunningModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"PID",        "Application", "State",    "Seconds",
                                        "Waiting on", "Blocked by",  "Statement"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace dbops
