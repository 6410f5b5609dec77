#include "maintenance/maintenancejobs.h"

namespace dbops {

Job MaintenanceJobs::preview(const Target &target, const MaintenanceRequest &request)
{
    return [target, request](JobContext &) { return jobReply(Maintenance::preview(target, request)); };
}

Job MaintenanceJobs::run(const Target &target, const MaintenanceRequest &request)
{
    return [target, request](JobContext &c) {
        return QVariant::fromValue(Maintenance::run(target, request, OpControl::fromJob(c)));
    };
}

Job StaleLockJobs::scan(const Target &target)
{
    return [target](JobContext &) -> QVariant {
        auto dir = StaleLocks::directoryFor(target);
        if (!dir)
            return QVariant::fromValue(dir.error());
        return jobReply(StaleLocks::scan(dir.value()));
    };
}

Job StaleLockJobs::removeStale(const LockScan &scan)
{
    return [scan](JobContext &) { return QVariant::fromValue(StaleLocks::removeStale(scan)); };
}

Job PruneJobs::plan(const QString &directory, const PruneRules &rules)
{
    return [directory, rules](JobContext &) { return jobReply(BackupPrune::plan(directory, rules)); };
}

Job PruneJobs::apply(const QString &directory, const PruneRules &rules, const QStringList &paths)
{
    return [directory, rules, paths](JobContext &) { return jobReply(BackupPrune::apply(directory, rules, paths)); };
}

Job LeakJobs::preview(const Target &target, const LeakCriteria &criteria, const SessionOptions &options)
{
    return [target, criteria, options](JobContext &) {
        return jobReply(LeakedSessions::preview(target, criteria, options));
    };
}

Job LeakJobs::terminate(const Target &target, const LeakCriteria &criteria, const QList<int> &pids,
                        const SessionOptions &options)
{
    return [target, criteria, pids, options](JobContext &) {
        return jobReply(LeakedSessions::terminate(target, criteria, pids, options));
    };
}

} // namespace dbops
