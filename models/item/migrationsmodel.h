#pragma once
// One row per migration of every tool in a MigrationReport: applied (or changed / missing its file / failed),
// then pending (or pending out of order). Tools that keep only a version (user_version, .schema_version)
// give one "current" row. SeverityRole: failed / dirty critical; pending, missing, changed, out of order warning.
#include "schema/migrationstate.h"

#include <QAbstractTableModel>

namespace dbops {

class MigrationsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ToolColumn, VersionColumn, NameColumn, StateColumn, AppliedAtColumn, ColumnCount };

    struct Row {
        QString tool; // "trading/trading.db schema_migrations" in a data directory
        MigrationEntry entry;
        QString state; // "applied", "changed", "missing file", "failed", "dirty", "pending", "pending, out of order",
                       // "current"
        int severity = 0; // dbops::Severity
    };

    explicit MigrationsModel(QObject *parent = nullptr);
    void setReport(const MigrationReport &report);
    const MigrationReport &report() const { return m_report; }
    const Row &row(int r) const { return m_rows.at(r); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    MigrationReport m_report;
    QList<Row> m_rows;
    QStringList m_labels; // per row, MigrationState::label: applied and pending rows named the same way
};

} // namespace dbops
