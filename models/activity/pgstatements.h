#pragma once
// pg_stat_statements for the slow-query view: whether it is usable here (and exactly how to enable it when
// not), the top statements, and deltas against a baseline.
#include "activity/slowoptions.h"
#include "activity/slowsnapshot.h"
#include "activity/statementbaseline.h"
#include "activity/statementcache.h"

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
    // Top statements by options.order; deltas since options.baseline when it is set. `texts` (queryid -> text)
    // spares asking for the texts already known, and keeps the new ones.
    static Expected<QList<StatementStat>> top(QSqlDatabase db, const Target &target, const SlowOptions &options,
                                              QHash<qint64, QString> *texts = nullptr);
    // Every statement of the current database, by queryid.
    static Expected<QHash<qint64, StatementCounters>> all(QSqlDatabase db, const Target &target);
};

} // namespace dbops
