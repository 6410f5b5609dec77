#include "pitr/pitrjobs.h"

namespace dbops {

PitrReading PitrJobs::readNow(const Target &target)
{
    PitrReading r;
    if (!target.isPostgres())
        return r;
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

} // namespace dbops
