#pragma once
// `dbops compare --db PG --with URI`: per user table of either database, the exact row count and the newest
// value of the column that dates its rows (DatingColumn) on both sides, so an operator sees what a bad minute
// changed between the live database and a side instance restored to before it. Each side is read in one
// read-only snapshot, every count under the session's statement_timeout.
#include "connection/target.h"
#include "core/expected.h"
#include "worker/opcontrol.h"

#include <QJsonObject>
#include <QList>

namespace dbops {

struct TableCount {
    qint64 rows = -1; // -1: the table is not on that side
    QString newest;   // max(dating column) as text; empty when none dates the rows
    QString column;   // the dating column
};

struct TableDiff {
    QString table; // schema.table
    TableCount live, other;
    bool differs() const;
    QString onlyIn() const; // "live", "other", or empty when on both
    // table, only_in, rows_live, rows_other, newest_live, newest_other, dating_column, differs
    QJsonObject toJson() const;
};

struct CompareResult {
    QString live, other; // displays, no passwords
    QList<TableDiff> tables;
    int differing() const;
    // status ("same" | "differs"), live, other, tables [...], differing
    QJsonObject toJson() const;
};

class TableCompare {
public:
    static Expected<CompareResult> run(const Target &live, const Target &other, const OpControl &control);
    // schema.table → count, for one side.
    static Expected<QMap<QString, TableCount>> countAll(const Target &target, const OpControl &control);
};

} // namespace dbops
