#pragma once
// The column that dates a table's rows (ts, timestamp, created_at, open_time, …; else a DATE/TIME-typed
// column), shared by the SQLite and PostgreSQL backups so both manifests name the same kind of column.
#include <QList>
#include <QPair>
#include <QString>

namespace dbops {

class DatingColumn {
public:
    // `columns`: (name, declared type) in table order. Empty when none dates the rows.
    static QString pick(const QList<QPair<QString, QString>> &columns);
};

} // namespace dbops
