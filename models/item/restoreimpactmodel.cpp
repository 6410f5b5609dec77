#include "item/restoreimpactmodel.h"

#include "core/format.h"
#include "item/itemroles.h"
#include "schema/timevalue.h"

namespace dbops {

namespace {
QString rowsText(qint64 rows) { return rows < 0 ? QStringLiteral("—") : Format::count(rows); }

Severity severityOf(const TableImpact &t)
{
    if (t.rowsLostEstimate > 0)
        return Severity::Critical;
    if (t.rowsNow < 0 || t.rowsBackup < 0)
        return Severity::Warning;
    return Severity::Normal;
}
} // namespace

RestoreImpactModel::RestoreImpactModel(QObject *parent) : QAbstractTableModel(parent) {}

void RestoreImpactModel::setImpact(const RestoreImpact &impact)
{
    beginResetModel();
    m_impact = impact;
    endResetModel();
}

void RestoreImpactModel::clear() { setImpact({}); }

QString RestoreImpactModel::headline() const
{
    int tables = 0;
    for (const TableImpact &t : m_impact.tables)
        tables += t.rowsLostEstimate > 0 ? 1 : 0;
    QString text = m_impact.rowsLost() > 0
                       ? tr("%1 rows in %2 table(s) will be lost").arg(Format::count(m_impact.rowsLost())).arg(tables)
                       : tr("No row missing from the backup or newer than it: nothing will be lost");
    if (m_impact.schemaDiffers())
        text += tr("; schema changes from %1 to %2").arg(m_impact.now.display(), m_impact.backup.display());
    return text;
}

int RestoreImpactModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_impact.tables.size());
}

int RestoreImpactModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RestoreImpactModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TableImpact &t = m_impact.tables.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TableColumn: return t.name;
        case RowsNowColumn: return rowsText(t.rowsNow);
        case RowsBackupColumn: return rowsText(t.rowsBackup);
        case NewestNowColumn: return TimeValue::display(t.newestNow);
        case NewestBackupColumn: return TimeValue::display(t.newestBackup);
        case LostColumn:
            return t.rowsLostEstimate > 0
                       ? (t.lostIsExact ? QString() : QStringLiteral("≈ ")) + rowsText(t.rowsLostEstimate)
                       : QStringLiteral("0");
        }
        break;
    case ItemRole::SortRole:
        switch (index.column()) {
        case RowsNowColumn: return t.rowsNow;
        case RowsBackupColumn: return t.rowsBackup;
        case LostColumn: return t.rowsLostEstimate;
        default: return data(index, Qt::DisplayRole);
        }
    case ItemRole::SeverityRole: return int(severityOf(t));
    case Qt::ToolTipRole: {
        QStringList tip{t.describe()};
        const QString utc = TimeValue::displayUtc(index.column() == NewestNowColumn ? t.newestNow : t.newestBackup);
        if ((index.column() == NewestNowColumn || index.column() == NewestBackupColumn) && !utc.isEmpty())
            tip.prepend(utc);
        if (!t.note.isEmpty())
            tip << t.note;
        return tip.join(QLatin1Char('\n'));
    }
    case Qt::TextAlignmentRole:
        if (index.column() == RowsNowColumn || index.column() == RowsBackupColumn || index.column() == LostColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default: break;
    }
    return {};
}

QVariant RestoreImpactModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {
        QT_TR_NOOP("Table"),      QT_TR_NOOP("Rows now"),         QT_TR_NOOP("Rows in backup"),
        QT_TR_NOOP("Newest now"), QT_TR_NOOP("Newest in backup"), QT_TR_NOOP("Rows lost")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace dbops
