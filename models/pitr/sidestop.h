#pragma once
// `dbops side-instance --stop DIR --yes` and the console's "Stop and remove…": the side instance in DIR stopped and
// its directory removed (SideInstance::stopAndRemove, only with dbops's marker in it), audited as
// side-instance-stop against the live target the marker names. One call, so both front ends write the same record.
#include "pitr/sideinstance.h"

namespace dbops {

class SideStop {
public:
    // The marker read before the stop (what was removed); a directory without dbops's marker is refused, unaudited.
    static Expected<SideInstanceMarker> run(const QString &dataDir);

private:
    static void audit(const SideInstanceMarker &marker, const Error &error);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::SideInstanceMarker)
