#include "item/discoverymodel.h"

#include "core/format.h"
#include "item/itemroles.h"

namespace dbops {

DiscoveryModel::DiscoveryModel(QObject *parent) : QAbstractTableModel(parent) {}

void DiscoveryModel::setItems(const QList<DiscoveredItem> &items, const QDateTime &now)
{
    beginResetModel();
    m_items = items;
    m_now = now;
    endResetModel();
}

QString DiscoveryModel::kindLabel(DiscoveredItem::Kind kind)
{
    switch (kind) {
    case DiscoveredItem::Kind::Sqlite: return QStringLiteral("SQLite");
    case DiscoveredItem::Kind::DuckDb: return QStringLiteral("DuckDB");
    case DiscoveredItem::Kind::LockFile: return QStringLiteral("Lock file");
    case DiscoveredItem::Kind::SchemaVersion: return QStringLiteral("Schema version");
    case DiscoveredItem::Kind::BackupDir: return QStringLiteral("Backups");
    }
    return {};
}

QString DiscoveryModel::note(const DiscoveredItem &item) const
{
    if (item.kind == DiscoveredItem::Kind::DuckDb)
        return QStringLiteral("listed only — Qt SQL has no DuckDB driver");
    if (item.kind == DiscoveredItem::Kind::Sqlite && item.walBytes > 0 && item.note.isEmpty())
        return QStringLiteral("WAL %1").arg(Format::bytes(item.walBytes));
    return item.note;
}

QString DiscoveryModel::display(const DiscoveredItem &item, int column) const
{
    switch (column) {
    case KindColumn: return kindLabel(item.kind);
    case PathColumn: return item.relativePath;
    case SizeColumn: return item.kind == DiscoveredItem::Kind::LockFile ? QString() : Format::bytes(item.bytes);
    case AgeColumn: return Format::age(item.modified, m_now);
    case LockColumn:
        if (item.kind != DiscoveredItem::Kind::LockFile)
            return {};
        if (item.pid <= 0)
            return QStringLiteral("no PID");
        return QStringLiteral("PID %1 · %2")
            .arg(item.pid)
            .arg(item.lockAlive ? QStringLiteral("alive") : QStringLiteral("stale"));
    case VersionColumn: return item.version;
    case NoteColumn: return note(item);
    }
    return {};
}

int DiscoveryModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_items.size()); }

int DiscoveryModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DiscoveryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DiscoveredItem &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(item, index.column());
    case Qt::ToolTipRole:
        if (index.column() == PathColumn)
            return item.path;
        if (index.column() == AgeColumn && item.modified.isValid())
            return Format::moment(item.modified);
        if (index.column() == NoteColumn)
            return note(item);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ItemRole::SortRole:
        if (index.column() == SizeColumn)
            return item.bytes;
        if (index.column() == AgeColumn)
            return item.modified;
        return display(item, index.column());
    case ItemRole::PathRole: return item.path;
    case ItemRole::SeverityRole:
        if (item.kind == DiscoveredItem::Kind::LockFile)
            return int(item.lockAlive ? Severity::Good : Severity::Warning);
        if (item.kind == DiscoveredItem::Kind::DuckDb || item.kind == DiscoveredItem::Kind::BackupDir)
            return int(Severity::Quiet);
        return int(Severity::Normal);
    }
    return {};
}

QVariant DiscoveryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Kind", "Path", "Size", "Modified", "Lock", "Schema version", "Note"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

} // namespace dbops
