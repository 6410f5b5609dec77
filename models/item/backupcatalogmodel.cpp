#include "item/backupcatalogmodel.h"

#include "core/format.h"
#include "item/itemroles.h"

namespace dbops {

BackupCatalogModel::BackupCatalogModel(QObject *parent) : QAbstractTableModel(parent) {}

void BackupCatalogModel::setEntries(const QList<CatalogEntry> &entries, const QDateTime &now)
{
    beginResetModel();
    m_entries = entries;
    m_now = now;
    endResetModel();
}

int BackupCatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int BackupCatalogModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BackupCatalogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const CatalogEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CreatedColumn: return Format::age(e.manifest.createdAt, m_now);
        case EngineColumn:
            if (e.manifest.kind == QLatin1String("safety"))
                return QString(e.manifest.engine + QStringLiteral(" (safety)"));
            return e.isBot() ? QString(e.manifest.engine + QStringLiteral(" (bot's own)")) : e.manifest.engine;
        case SourceColumn: return e.manifest.source;
        case SizeColumn: return Format::bytes(e.manifest.bytes);
        case StateColumn: return e.stateName();
        }
        return {};
    case Qt::ToolTipRole:
        return QStringList(QStringList{e.path} + e.problems + e.manifest.warnings).join(QLatin1Char('\n'));
    case ItemRole::SeverityRole:
        switch (e.state) {
        case Verification::State::Verified: return int(Severity::Good);
        case Verification::State::Failed: return int(Severity::Critical);
        case Verification::State::Unverified: break;
        }
        return int(e.manifest.sourceCorrupt ? Severity::Warning : Severity::Normal); // a damaged store's copy
    case ItemRole::SortRole:
        switch (index.column()) {
        case CreatedColumn: return e.manifest.createdAt;
        case SizeColumn: return e.manifest.bytes;
        default: return data(index, Qt::DisplayRole);
        }
    case ItemRole::PathRole: return e.path;
    case ItemRole::SubtitleRole: return QStringList(e.problems + e.manifest.warnings).join(QStringLiteral("; "));
    }
    return {};
}

QVariant BackupCatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CreatedColumn: return tr("Created");
    case EngineColumn: return tr("Engine");
    case SourceColumn: return tr("Source");
    case SizeColumn: return tr("Size");
    case StateColumn: return tr("State");
    }
    return {};
}

} // namespace dbops
