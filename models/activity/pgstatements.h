#pragma once
// pg_stat_statements for the slow-query view: whether it is usable here (and exactly how to enable it when
// not), the top statements, and deltas against a baseline.
#include "activity/slowoptions.h"
#include "activity/slowsnapshot.h"
#include "activity/statementbaseline.h"

namespace dbops {

struct StatementsStatus {
    bool usable = false;
    bool preloaded = false;
    QString version;
    QString database;
    QString hint; // when not usable: what to do, step by step
};

class PgStatements {
public:
    static Expected<StatementsStatus> status(QSqlDatabase db, const Target &target);
    // Top statements by options.order; deltas since options.baseline when it is set.
    static Expected<QList<StatementStat>> top(QSqlDatabase db, const Target &target, const SlowOptions &options);
    // Every statement of the current database, by queryid.
    static Expected<QHash<qint64, StatementCounters>> all(QSqlDatabase db, const Target &target);
};

} // namespace dbops
