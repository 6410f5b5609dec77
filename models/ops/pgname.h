#pragma once
// A PostgreSQL table's schema and name in the spellings dbops needs: the manifest's key ("schema.table"),
// SQL (always double-quoted, so spaces, quotes, dots, newlines, '?' and mixed case all work), the way
// pg_restore --list prints it in a TOC line (unquoted, newlines as spaces), and messages (one line).
#include "ops/manifest.h"

#include <QString>

namespace dbops {

struct PgName {
    QString schema;
    QString table;

    // A manifest entry's parts: its recorded schema, else (older manifests) the name split at the first dot.
    static PgName of(const TableRows &rows);
    QString key() const;     // schema.table, as the manifest and pg_stat_user_tables name it
    QString sql() const;     // "schema"."table"
    QString listed() const;  // "schema table" as a pg_restore --list line holds it
    QString display() const; // schema.table with control characters escaped, for messages

    // quote_ident's always-quoting form. Not QSqlDriver::escapeIdentifier: that leaves a name which already
    // starts and ends with '"' unquoted, so a table really named "x" (quotes included) would break.
    static QString quote(const QString &identifier);
};

} // namespace dbops
