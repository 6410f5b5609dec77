#pragma once
// pg_stat_statements counters taken at a chosen moment, so that later figures can be shown as deltas since
// then — without ever resetting the server's statistics (other tools and people rely on them).
#include "connection/target.h"
#include "core/expected.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>

namespace dbops {

struct StatementCounters {
    QString query;
    qint64 calls = 0;
    double totalMs = 0;
    qint64 rows = 0;
    qint64 blksHit = 0;
    qint64 blksRead = 0;
};

struct StatementBaseline {
    QDateTime at;
    QHash<qint64, StatementCounters> byQueryId;

    bool isValid() const { return at.isValid(); }
    // Reads every statement of the current database (needs pg_stat_statements).
    static Expected<StatementBaseline> capture(QSqlDatabase db, const Target &target);
    // Persisted in the console's state store (one baseline per target), for `dbops slow --mark/--since-mark`.
    Error save(const QString &targetKey, const QString &stateFile = {}) const;
    static Expected<StatementBaseline> load(const QString &targetKey, const QString &stateFile = {});
};

} // namespace dbops
