#pragma once
// The data directory a point-in-time restore writes: new (created here) or empty, owned by the cluster's OS user
// (postgres when dbops runs as root, else dbops's own user) and mode 0700, as PostgreSQL demands of a data
// directory. Anything else is refused with what to do, before the engine runs.
#include "core/expected.h"

#include <QString>

namespace dbops {

class PitrDataDir {
public:
    // Creates `path` (its parent must exist) or checks the empty one there. `osUser`: the cluster's owner.
    static Error prepare(const QString &path, const QString &osUser);
    // Empties `path` again after a restore that failed: what prepare() accepted was empty.
    static void clear(const QString &path);
    // The uid the data directory must belong to: `osUser`'s when dbops runs as root, else dbops's own.
    static Expected<uint> ownerUid(const QString &osUser);
    // The first folder above `path` the cluster's owner cannot pass through (no search permission for it: root's
    // 0700 home, say); empty when every one lets it through, or when dbops does not run as root.
    static QString closedAncestor(const QString &path, const QString &osUser);
};

} // namespace dbops
