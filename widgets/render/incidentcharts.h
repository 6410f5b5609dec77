#pragma once
// The evidence bundle's charts (render/, since the core draws nothing): the last hour of the activity history
// the console recorded for the target, and the table growth the health scans recorded, as PNG files in
// charts/. The console and `dbops incident` append this section to IncidentSections::standard().
#include "incident/incidentsection.h"

namespace dbops {

class IncidentCharts {
public:
    static IncidentSection section();
};

} // namespace dbops
