#pragma once
// The shape of an SQLite store for the index rules: tables (and which are WITHOUT ROWID), primary keys
// (a rowid alias listed as a pseudo-index), indexes with their columns, foreign keys.
#include "connection/sqlitehandle.h"
#include "core/expected.h"
#include "schema/indexrules.h"

#include <QSet>

namespace dbops {

struct SqliteShape {
    SchemaShape shape;
    QSet<QString> withoutRowid;
    QHash<QString, QString> indexOwner; // index name -> table (automatic indexes included)

    static Expected<SqliteShape> read(SqliteHandle &db);
};

} // namespace dbops
