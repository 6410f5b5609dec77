#include "pitr/pitrjobs.h"

#include <QDir>
#include <QFileInfo>

namespace dbops {

PitrReading PitrJobs::readNow(const Target &target)
{
    PitrReading r;
    r.target = target.display();
    if (!target.isPostgres())
        return r;
    r.readAt = std::chrono::steady_clock::now();
    r.sides = SideRestoreService::madeFor(target);
    auto found = PitrLocator::find(target, PitrSource().withProfile(target));
    if (!found) {
        r.error = found.error();
        return r;
    }
    if (found->has_value()) {
        r.found = true;
        r.info = **found;
    }
    return r;
}

Job PitrJobs::read(const Target &target)
{
    return [target](JobContext &) -> QVariant { return QVariant::fromValue(readNow(target)); };
}

Job PitrJobs::restoreSide(const Target &live, const SideRestoreRequest &request)
{
    return [live, request](JobContext &context) -> QVariant {
        // The default directory's folder is the console's own to make; any other must exist (a typo is refused).
        if (QFileInfo(request.dataDirectory).absolutePath() == SideChecks::root())
            QDir().mkpath(SideChecks::root());
        return jobReply(
            SideRestoreService::run(live, request, PitrSource().withProfile(live), OpControl::fromJob(context)));
    };
}

Job PitrJobs::checkSide(const QString &stanza, const QDateTime &moment, const QString &dataDir, int port)
{
    return
        [=](JobContext &) -> QVariant { return QVariant::fromValue(SideChecks::run(stanza, moment, dataDir, port)); };
}

Job PitrJobs::compare(const Target &live, const Target &side)
{
    return [live, side](JobContext &context) -> QVariant {
        return jobReply(TableCompare::run(live, side, OpControl::fromJob(context)));
    };
}

Job PitrJobs::copyBack(const Target &live, const Target &side, const CopyBackRequest &request)
{
    return [live, side, request](JobContext &context) -> QVariant {
        return jobReply(CopyBack::apply(live, side, request, OpControl::fromJob(context)));
    };
}

Job PitrJobs::stopSide(const QString &dataDir)
{
    return [dataDir](JobContext &) -> QVariant { return jobReply(SideStop::run(dataDir)); };
}

} // namespace dbops
