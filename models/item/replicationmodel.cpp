#include "item/replicationmodel.h"

#include "core/format.h"
#include "item/healthmodel.h"
#include "item/itemroles.h"

#include <algorithm>

namespace dbops {

namespace {

QString orDash(const QString &text) { return text.isEmpty() ? QStringLiteral("—") : text; }
QString bytesOrDash(qint64 bytes) { return bytes < 0 ? QStringLiteral("—") : Format::bytes(bytes); }

// The column title of `section` among `count` (nullptr: not a horizontal display header, or no such column).
const char *title(const char *const names[], int count, int section, Qt::Orientation orientation, int role)
{
    const bool wanted = orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < count;
    return wanted ? names[section] : nullptr;
}

bool isNumberColumn(int column, std::initializer_list<int> numbers)
{
    return std::find(numbers.begin(), numbers.end(), column) != numbers.end();
}

} // namespace

StandbysModel::StandbysModel(QObject *parent) : QAbstractTableModel(parent) {}

void StandbysModel::setStandbys(const QList<PgStandbyState> &standbys)
{
    beginResetModel();
    m_standbys = standbys;
    endResetModel();
}

int StandbysModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_standbys.size()); }

int StandbysModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant StandbysModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_standbys.size())
        return {};
    const PgStandbyState &s = m_standbys.at(index.row());
    if (role == ItemRole::SeverityRole)
        return int(s.lagging() ? Severity::Warning : Severity::Normal);
    if (role == ItemRole::KeyRole)
        return QString(s.name + QLatin1Char('@') + s.client);
    if (role == Qt::TextAlignmentRole &&
        isNumberColumn(index.column(), {SentLagColumn, ReplayLagColumn, ReplayTimeColumn}))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && s.lagging())
        return tr("Replays behind beyond the threshold (%1 of WAL or %2): reads there are stale and a failover now "
                  "would lose that much — check its disk, network and long queries")
            .arg(Format::bytes(PgReplication::kStandbyLagWarnBytes),
                 Format::duration(qint64(PgReplication::kStandbyLagWarnS)));
    if (role != Qt::DisplayRole && role != ItemRole::SortRole)
        return {};
    const bool display = role == Qt::DisplayRole;
    switch (index.column()) {
    case NameColumn: return s.name;
    case ClientColumn: return orDash(s.client);
    case StateColumn: return s.state;
    case SyncColumn: return s.syncState;
    case SentLagColumn: return display ? QVariant(bytesOrDash(s.sentLagBytes)) : QVariant(s.sentLagBytes);
    case ReplayLagColumn: return display ? QVariant(bytesOrDash(s.replayLagBytes)) : QVariant(s.replayLagBytes);
    case ReplayTimeColumn:
        return display ? QVariant(s.replayLagS < 0 ? QStringLiteral("—") : Format::milliseconds(s.replayLagS * 1000))
                       : QVariant(s.replayLagS);
    default: return {};
    }
}

QVariant StandbysModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const char *const names[] = {QT_TR_NOOP("Name"),       QT_TR_NOOP("Client"),   QT_TR_NOOP("State"),
                                        QT_TR_NOOP("Sync"),       QT_TR_NOOP("Sent lag"), QT_TR_NOOP("Replay lag"),
                                        QT_TR_NOOP("Replay time")};
    const char *text = title(names, ColumnCount, section, orientation, role);
    return text ? tr(text) : QVariant();
}

ReplicationSlotsModel::ReplicationSlotsModel(QObject *parent) : QAbstractTableModel(parent) {}

void ReplicationSlotsModel::setSlots(const QList<PgSlotState> &slotList)
{
    beginResetModel();
    m_slots = slotList;
    endResetModel();
}

QString ReplicationSlotsModel::advice(const PgSlotState &slot)
{
    if (!slot.idleKeepingWal())
        return {};
    QString name = slot.name;
    return tr("Inactive, and keeps %1 of WAL: pg_wal grows until the disk is full. Bring its consumer back, or "
              "when it is gone for good drop the slot:\nSELECT pg_drop_replication_slot('%2')")
        .arg(Format::bytes(slot.retainedBytes), name.replace(QLatin1Char('\''), QStringLiteral("''")));
}

int ReplicationSlotsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_slots.size());
}

int ReplicationSlotsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ReplicationSlotsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_slots.size())
        return {};
    const PgSlotState &s = m_slots.at(index.row());
    if (role == ItemRole::SeverityRole)
        return HealthFindingsModel::severityOf(s.severity());
    if (role == ItemRole::KeyRole)
        return s.name;
    if (role == Qt::ToolTipRole)
        return s.idleKeepingWal() ? QVariant(advice(s)) : QVariant();
    if (role == Qt::TextAlignmentRole && index.column() == RetainedColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != ItemRole::SortRole)
        return {};
    switch (index.column()) {
    case NameColumn: return s.name;
    case TypeColumn: return s.type;
    case DatabaseColumn: return orDash(s.database);
    case ActiveColumn:
        return role == ItemRole::SortRole ? QVariant(s.active) : QVariant(s.active ? tr("yes") : tr("no"));
    case WalStatusColumn: return orDash(s.walStatus);
    case RetainedColumn:
        return role == ItemRole::SortRole ? QVariant(s.retainedBytes) : QVariant(bytesOrDash(s.retainedBytes));
    default: return {};
    }
}

QVariant ReplicationSlotsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const char *const names[] = {QT_TR_NOOP("Slot"),   QT_TR_NOOP("Type"),       QT_TR_NOOP("Database"),
                                        QT_TR_NOOP("Active"), QT_TR_NOOP("WAL status"), QT_TR_NOOP("WAL retained")};
    const char *text = title(names, ColumnCount, section, orientation, role);
    return text ? tr(text) : QVariant();
}

} // namespace dbops
