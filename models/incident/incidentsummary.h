#pragma once
// summary.md: what an operator pastes into a ticket — the target, when, who, which versions, one line per
// section in words, and what could not be read.
#include "incident/incidentsection.h"

namespace dbops {

class IncidentSummary {
public:
    static QString markdown(const IncidentContext &context, const QList<IncidentSectionOutcome> &sections,
                            const QString &archiveName);
};

} // namespace dbops
