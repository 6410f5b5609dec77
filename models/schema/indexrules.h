#pragma once
// The findings both engines raise from a store's shape: duplicate indexes (same columns, or one a leading
// prefix of another), foreign keys without an index on the child column(s), tables without a primary key,
// tables without any index.
#include "schema/healthreport.h"

#include <QHash>

namespace dbops {

struct IndexDef {
    QString table;
    QString name;
    QStringList columns; // in index order; an expression shows as "<expr>"
    bool unique = false;
    bool primary = false; // the primary key (SQLite: also the rowid alias, listed as a pseudo-index)
    bool partial = false;
    bool valid = true;
};

struct ForeignKeyDef {
    QString table;
    QStringList columns;
    QString refTable;
};

struct SchemaShape {
    QStringList tables;
    QHash<QString, bool> hasPrimaryKey;
    QHash<QString, qint64> rows; // for thresholds (-1 unknown)
    QList<IndexDef> indexes;
    QList<ForeignKeyDef> foreignKeys;
};

class IndexRules {
public:
    // A table without any index is a warning from this many rows on (an info below).
    static constexpr qint64 kNoIndexWarnRows = 1000;
    static void check(const SchemaShape &shape, HealthReport &report);
};

} // namespace dbops
