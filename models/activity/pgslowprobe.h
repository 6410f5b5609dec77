#pragma once
// PostgreSQL slow queries: pg_stat_statements (or sampling when it is not usable), what runs now over the
// threshold, and the blocking tree, from one pass over pg_stat_activity.
#include "activity/pgactivity.h"
#include "activity/slowoptions.h"
#include "activity/slowsnapshot.h"
#include "activity/statementcache.h"
#include "activity/statementsampler.h"
#include "connection/sessionoptions.h"

namespace dbops {

class PgSlowProbe {
public:
    // `sampler` keeps the fallback's samples between calls (a GUI refresh); null: this call's sample only.
    static Expected<SlowSnapshot> run(QSqlDatabase db, const Target &target, const SlowOptions &options,
                                      StatementSampler *sampler = nullptr);
    // Active statements and open transactions over the threshold, plus every blocker and blocked session.
    // The same on an activity already read (the monitor reads pg_stat_activity once for pool and slow views).
    // `cache` (a monitor's): pg_stat_statements read on every StatementCache::ReadEvery-th call only.
    static Expected<SlowSnapshot> run(QSqlDatabase db, const Target &target, const PgActivity &activity,
                                      const SlowOptions &options, StatementSampler *sampler = nullptr,
                                      StatementCache *cache = nullptr);
    static QList<RunningQuery> running(const PgActivity &activity, double thresholdMs);
    static QList<BlockingNode> blockingTree(const PgActivity &activity);
};

class SlowProbe {
public:
    // Opens what the target needs in the calling thread. PostgreSQL without pg_stat_statements: samples
    // pg_stat_activity `samples` times, `intervalMs` apart.
    static Expected<SlowSnapshot> collect(const Target &target, const SessionOptions &session,
                                          const SlowOptions &options, int samples = 1, int intervalMs = 200);
};

} // namespace dbops
