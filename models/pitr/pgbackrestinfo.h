#pragma once
// Reads `pgbackrest info --output=json` into PitrInfo values: one per stanza, backups oldest first, the archived
// WAL range, and the restorable window as far as the repository alone tells it (oldest backup's end to newest
// backup's end; PitrLocator moves the end up to the server's last archived WAL).
#include "core/expected.h"
#include "pitr/pitrengine.h"

#include <QByteArray>

namespace dbops {

class PgBackRestInfo {
public:
    static Expected<QList<PitrInfo>> parse(const QByteArray &json);
};

} // namespace dbops
