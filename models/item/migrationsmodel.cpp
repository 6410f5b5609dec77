#include "item/migrationsmodel.h"

#include "item/itemroles.h"
#include "schema/timevalue.h"

#include <QSet>

namespace dbops {

namespace {
QSet<QString> versionsOf(const QList<MigrationEntry> &list)
{
    QSet<QString> s;
    for (const MigrationEntry &e : list)
        s.insert(e.version);
    return s;
}

// By version and name: several migrations may share a version (the CTS bot's), only the one concerned is
// marked. Failures stay by version: the tools that record them key by version alone, and golang-migrate's
// dirty entry is named apart from its applied row.
QSet<QString> keysOf(const QList<MigrationEntry> &list)
{
    QSet<QString> s;
    for (const MigrationEntry &e : list)
        s.insert(e.key());
    return s;
}
} // namespace

MigrationsModel::MigrationsModel(QObject *parent) : QAbstractTableModel(parent) {}

void MigrationsModel::setReport(const MigrationReport &report)
{
    beginResetModel();
    m_report = report;
    m_rows.clear();
    m_labels.clear();
    for (const MigrationState &s : report.tools) {
        const QString tool = s.store.isEmpty() ? s.tool : s.store + QLatin1Char(' ') + s.tool;
        const qsizetype first = m_rows.size();
        const QSet<QString> changed = keysOf(s.changed), missing = keysOf(s.missingFiles),
                            failed = versionsOf(s.failed), late = keysOf(s.outOfOrder);
        if (s.applied.isEmpty() && s.failed.isEmpty()) {
            MigrationEntry current;
            current.version = s.current;
            const bool unreadable = !s.unreadable.isEmpty(); // not "no version": it could not be read
            m_rows << Row{tool, current, unreadable ? QStringLiteral("unreadable") : QStringLiteral("current"),
                          int(unreadable ? Severity::Warning : Severity::Normal)};
        }
        for (const MigrationEntry &e : s.applied) {
            Row r{tool, e, QStringLiteral("applied"), int(Severity::Normal)};
            if (s.dirty && e.version == s.current)
                r = Row{tool, e, QStringLiteral("dirty"), int(Severity::Critical)};
            else if (failed.contains(e.version))
                r = Row{tool, e, QStringLiteral("failed"), int(Severity::Critical)};
            else if (changed.contains(e.key()))
                r = Row{tool, e, QStringLiteral("changed"), int(Severity::Warning)};
            else if (missing.contains(e.key()))
                r = Row{tool, e, QStringLiteral("missing file"), int(Severity::Warning)};
            m_rows << r;
        }
        const QSet<QString> applied = versionsOf(s.applied);
        for (const MigrationEntry &e : s.failed)
            if (!applied.contains(e.version))
                m_rows << Row{tool, e, QStringLiteral("failed"), int(Severity::Critical)};
        for (const MigrationEntry &e : s.pending)
            m_rows << Row{tool, e,
                          late.contains(e.key()) ? QStringLiteral("pending, out of order") : QStringLiteral("pending"),
                          int(Severity::Warning)};
        for (qsizetype i = first; i < m_rows.size(); ++i)
            m_labels << s.label(m_rows[i].entry);
    }
    endResetModel();
}

int MigrationsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int MigrationsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant MigrationsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == ItemRole::SortRole) {
        switch (index.column()) {
        case ToolColumn: return r.tool;
        case VersionColumn: return r.entry.version;
        case NameColumn: return m_labels.at(index.row()).isEmpty() ? r.entry.file : m_labels.at(index.row());
        case StateColumn: return r.state;
        case AppliedAtColumn: return r.entry.appliedAt.isEmpty() ? QString() : TimeValue::display(r.entry.appliedAt);
        default: break;
        }
    } else if (role == ItemRole::SeverityRole) {
        return r.severity;
    } else if (role == Qt::ToolTipRole) {
        QStringList tip;
        if (index.column() == AppliedAtColumn && !r.entry.appliedAt.isEmpty())
            tip << TimeValue::displayUtc(r.entry.appliedAt);
        if (!r.entry.file.isEmpty())
            tip << QStringLiteral("file: ") + r.entry.file;
        if (!r.entry.checksum.isEmpty())
            tip << QStringLiteral("stored checksum: ") + r.entry.checksum;
        if (!r.entry.fileChecksum.isEmpty())
            tip << QStringLiteral("file checksum: ") + r.entry.fileChecksum;
        return tip.isEmpty() ? QVariant() : QVariant(tip.join(QLatin1Char('\n')));
    }
    return {};
}

QVariant MigrationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ToolColumn: return QStringLiteral("Tool");
    case VersionColumn: return QStringLiteral("Version");
    case NameColumn: return QStringLiteral("Name");
    case StateColumn: return QStringLiteral("State");
    case AppliedAtColumn: return QStringLiteral("Applied at");
    default: return {};
    }
}

} // namespace dbops
