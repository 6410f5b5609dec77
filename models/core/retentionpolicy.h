#pragma once
// A retention rule an operator (or the suggestion list) gives for one table: keep the rows whose time column
// is younger than KEEP, optionally moving the older ones into an archive table first. Written
// "TABLE:COLUMN:KEEP[:ARCHIVE_TABLE]" on the command line and in profiles (KEEP: 7d, 48h, 30m, 90s, 2w).
#include "core/expected.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace dbops {

struct RetentionPolicy {
    QString table;  // PostgreSQL: may be "schema.table" (default schema: public)
    QString column; // the time column rows are judged by
    qint64 keepSeconds = 0;
    QString archiveTable; // empty: delete only

    bool archives() const { return !archiveTable.isEmpty(); }
    QString keepText() const; // "7d", "48h", … (the largest whole unit)
    QString spec() const;     // TABLE:COLUMN:KEEP[:ARCHIVE_TABLE]

    // A Usage error naming the part that is off and the expected shape.
    static Expected<RetentionPolicy> parse(const QString &spec);
    static Expected<QList<RetentionPolicy>> parseAll(const QStringList &specs);
    static qint64 parseKeep(const QString &text); // seconds, or -1

    // Tables a bot cannot lose rows of (trades, orders, positions, fills, balances, the audit trail): a policy
    // on them is refused unless the operator unlocks the table for this run.
    static bool isProtectedTable(const QString &table);
    // The protected tables this policy changes, deleting from its table or archiving into its archive table:
    // what --unlock must name for it to run.
    QStringList protectedTables() const;
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::RetentionPolicy)
