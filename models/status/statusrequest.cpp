#include "status/statusrequest.h"

#include "ops/drillsettings.h"

namespace dbops {

StatusRequest StatusRequest::forTarget(const Target &target, const SessionOptions &session)
{
    if (!target.profileName.isEmpty())
        if (auto profile = ProfileStore().find(target.profileName)) {
            StatusRequest r = forProfile(profile.value(), session);
            r.target = target; // as resolved (a password typed for this run stays in it)
            return r;
        }
    StatusRequest r;
    r.target = target;
    r.session = session;
    return r;
}

StatusRequest StatusRequest::forProfile(const Profile &profile, const SessionOptions &session)
{
    StatusRequest r;
    r.target = profile.target;
    r.target.profileName = profile.name;
    r.session = session;
    r.pool.poolMaxima = profile.poolMaxima;
    r.replicaDir = profile.replicaDir;
    const DrillSettings drill = DrillSettings::forProfile(profile.name);
    r.thresholds.drillWarnSeconds = qint64(drill.warnDays * 86400);
    r.thresholds.drillCriticalSeconds = qint64(drill.criticalDays * 86400);
    return r;
}

} // namespace dbops
