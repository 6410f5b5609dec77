#include "incident/incidentsections.h"

namespace dbops {

QList<IncidentSection> IncidentSections::standard()
{
    // The overview first: it names the server's version for versions.json. The slow-query snapshot comes
    // early, while what is running now is still running; the audit and the log last, so they hold the
    // capture's own lines.
    return {overview(),   status(),  pool(),        wal(),   slow(), locks(),   health(),
            migrations(), backups(), environment(), audit(), log(),  versions()};
}

} // namespace dbops
