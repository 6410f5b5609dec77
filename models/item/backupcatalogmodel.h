#pragma once
// The backup list of the GUI: one row per CatalogEntry (BackupCatalog::list, run on a worker), newest first.
// Columns: created (age), engine, source, size, state. Roles: SeverityRole (verified Good, unverified
// Normal, failed Critical), SortRole (created_at / bytes), PathRole (the backup file), SubtitleRole (problems).
#include "ops/backupcatalog.h"

#include <QAbstractTableModel>

namespace dbops {

class BackupCatalogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { CreatedColumn, EngineColumn, SourceColumn, SizeColumn, StateColumn, ColumnCount };

    explicit BackupCatalogModel(QObject *parent = nullptr);
    void setEntries(const QList<CatalogEntry> &entries, const QDateTime &now = QDateTime::currentDateTimeUtc());
    const CatalogEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<CatalogEntry> m_entries;
    QDateTime m_now;
};

} // namespace dbops
