#pragma once
// The status board's "wal" row over time (issue 15 §2): the WAL samples the console's Activity tab recorded in
// the last minutes plus this one, and the rule that turns a WAL growing across them into a warning naming the
// long reader (Litestream or another process) and what to do. Kept apart from statusactivityrules.cpp, which
// judges one moment.
#include "activity/activityhistory.h"
#include "activity/poolprobe.h"
#include "status/statuscheck.h"
#include "status/statusrequest.h"

namespace dbops {

class StatusWalGrowth {
public:
    static constexpr qint64 LookBackSeconds = 300;
    // The recorded samples of `request.target` (only when the console's state file exists: the status does not
    // create it), then `pool` as the newest; gaps marked.
    static QList<SqliteSample> recent(const StatusRequest &request, const PoolSnapshot &pool);
    // `wal` (StatusRules::walSqlite) turned into a warning when the samples show the WAL growing (WalGrowthWatch).
    static StatusCheck judge(StatusCheck wal, const QList<SqliteSample> &samples);
};

} // namespace dbops
