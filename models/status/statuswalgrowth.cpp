#include "status/statuswalgrowth.h"

#include "activity/walgrowth.h"
#include "core/paths.h"

#include <QFileInfo>

namespace dbops {

QList<SqliteSample> StatusWalGrowth::recent(const StatusRequest &request, const PoolSnapshot &pool)
{
    QList<SqliteSample> samples;
    if (QFileInfo::exists(Paths::stateDatabase())) {
        auto recorded =
            ActivityHistory(request.target.toSpec()).loadSqlite(request.now.addSecs(-LookBackSeconds), request.now);
        if (recorded) // an unreadable history leaves the row to this moment's figures
            samples = recorded.value();
    }
    samples << SqliteSample::fromPool(pool, 0);
    ActivityHistory::markGaps(samples);
    return samples;
}

StatusCheck StatusWalGrowth::judge(StatusCheck wal, const QList<SqliteSample> &samples)
{
    const std::optional<WalGrowth> growth = WalGrowthWatch::assess(samples);
    if (!growth)
        return wal;
    wal.state = std::max(wal.state, CheckState::Warning);
    wal.reason += QStringLiteral("; ") + growth->warning();
    return wal;
}

} // namespace dbops
