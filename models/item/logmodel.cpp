#include "item/logmodel.h"

#include "item/itemroles.h"

namespace dbops {

LogModel::LogModel(int capacity, QObject *parent) : QAbstractTableModel(parent), m_capacity(qMax(1, capacity)) {}

int LogModel::levelRank(const QString &level)
{
    static const QStringList names{QStringLiteral("trace"),   QStringLiteral("debug"), QStringLiteral("info"),
                                   QStringLiteral("warning"), QStringLiteral("error"), QStringLiteral("critical")};
    const QString l = level.toLower();
    if (l == QLatin1String("warn"))
        return 3;
    const int i = names.indexOf(l);
    return i < 0 ? 2 : i;
}

void LogModel::append(const LogRecord &record)
{
    if (m_records.size() >= m_capacity) {
        const int excess = int(m_records.size()) - m_capacity + 1;
        beginRemoveRows({}, 0, excess - 1);
        m_records.remove(0, excess);
        endRemoveRows();
    }
    const int row = int(m_records.size());
    beginInsertRows({}, row, row);
    m_records.append(record);
    endInsertRows();
}

void LogModel::setRecords(const QList<LogRecord> &records)
{
    beginResetModel();
    m_records = records.mid(qMax(0, int(records.size()) - m_capacity));
    endResetModel();
}

void LogModel::clear()
{
    beginResetModel();
    m_records.clear();
    endResetModel();
}

int LogModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_records.size()); }

int LogModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogRecord &r = m_records.at(index.row());
    const int rank = levelRank(r.level);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return r.at.toString(QStringLiteral("HH:mm:ss.zzz"));
        case LevelColumn: return r.level;
        case LoggerColumn: return r.logger;
        case MessageColumn: return r.message;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == MessageColumn)
            return r.message;
        if (index.column() == TimeColumn)
            return r.at.toString(Qt::ISODateWithMs);
        break;
    case ItemRole::SortRole: return index.column() == LevelColumn ? QVariant(rank) : QVariant(r.at);
    case ItemRole::SeverityRole: {
        const Severity s = rank <= 1   ? Severity::Quiet
                           : rank == 2 ? Severity::Normal
                           : rank == 3 ? Severity::Warning
                                       : Severity::Critical;
        return int(s);
    }
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return QStringLiteral("Time");
    case LevelColumn: return QStringLiteral("Level");
    case LoggerColumn: return QStringLiteral("Source");
    case MessageColumn: return QStringLiteral("Message");
    }
    return {};
}

} // namespace dbops
