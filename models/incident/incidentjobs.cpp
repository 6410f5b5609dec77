#include "incident/incidentjobs.h"

namespace dbops {

Job IncidentJobs::capture(const IncidentRequest &request, const QList<IncidentSection> &sections)
{
    return [request, sections](JobContext &ctx) -> QVariant {
        auto result = IncidentBundle::capture(request, sections, OpControl::fromJob(ctx));
        if (!result)
            return QVariant::fromValue(result.error());
        return QVariant::fromValue(result.value());
    };
}

} // namespace dbops
