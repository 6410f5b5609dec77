#pragma once
// SQLite slow queries: no server statistics, so probe queries are timed on a read-only connection. Defaults
// come from the schema (the newest rows of the biggest tables by their time column); the operator adds the
// bot's own. EXPLAIN QUERY PLAN findings: a full scan or a temporary sort of a large table.
#include "activity/slowoptions.h"
#include "activity/slowsnapshot.h"
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/expected.h"

#include <QSqlDatabase>

namespace dbops {

struct ProbeQuery {
    QString name;
    QString sql;
};

class SqliteProbes {
public:
    static constexpr int DefaultTables = 5;
    // "newest rows of <table>" for the biggest tables (by rows), ordered by their time column when they have one.
    static QList<ProbeQuery> defaults(QSqlDatabase db, int tables = DefaultTables);
    // The time column of a table: a well-known name (created_at, timestamp, ...) or a DATE/TIME declared type.
    static QString timeColumn(QSqlDatabase db, const QString &table);
    static qint64 estimateRows(QSqlDatabase db, const QString &table);
    // Times one probe (all rows fetched) and reads its plan.
    static StatementStat run(QSqlDatabase db, const ProbeQuery &probe, const SlowOptions &options);
    static SlowSnapshot runAll(QSqlDatabase db, const SlowOptions &options, const QString &namePrefix = {});
    // SQLite file or data directory, each store on its own read-only connection.
    static Expected<SlowSnapshot> collect(const Target &target, const SessionOptions &session,
                                          const SlowOptions &options);
};

} // namespace dbops
