#pragma once
// One bookkeeping table read whole, columns keyed by lower-case name, values as text (times as ISO-8601).
#include "core/expected.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>
#include <QVariant>

namespace dbops {

struct TableRef {
    QString schema; // empty on SQLite
    QString name;
    QString qualified(const QSqlDatabase &db) const;
    QString display() const;
};

using MigrationRow = QHash<QString, QVariant>;

struct MigrationTable {
    QStringList columns; // lower-case
    QList<MigrationRow> rows;
    bool hasColumn(const char *name) const { return columns.contains(QLatin1String(name)); }
};

class MigrationRows {
public:
    static Expected<QList<TableRef>> tables(QSqlDatabase db, const QString &dialect);
    // A table the console's user may not read fails with permissionDenied() true, the GRANT as its hint.
    static Expected<MigrationTable> read(QSqlDatabase db, const QString &dialect, const TableRef &table);
    static bool permissionDenied(const Error &error);
    static QString text(const QVariant &value); // QDateTime → ISO-8601, null → empty
};

} // namespace dbops
