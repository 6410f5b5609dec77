#pragma once
// The fallback when pg_stat_statements is not usable: statements seen running in pg_stat_activity longer
// than the threshold, aggregated by query text over as many samples as the caller takes. One execution
// (pid + start time) is counted once, with the longest duration it was seen at.
#include "activity/pgactivity.h"
#include "activity/slowsnapshot.h"

#include <QHash>

namespace dbops {

class StatementSampler {
public:
    void add(const PgActivity &activity, double thresholdMs);
    QList<StatementStat> top(const QString &order, int count) const;
    int samples() const { return m_samples; }
    void clear();

private:
    struct Execution {
        QString query;
        double ms = 0;
    };
    QHash<QString, Execution> m_executions; // "pid/query_start ms" -> what it ran
    int m_samples = 0;
};

} // namespace dbops
