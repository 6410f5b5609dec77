#pragma once
// Which pgBackRest stanza covers a PostgreSQL target: the one named (--stanza, or the profile's `stanza=`), else
// the one whose database system identifier is the server's. The server also tells how far the archive reaches
// (its last archived WAL), which moves the restorable window's end past the newest backup.
#include "connection/target.h"
#include "core/expected.h"
#include "pitr/pitrengine.h"

#include <optional>

namespace dbops {

struct PitrSource {
    QString stanza;     // empty: find it by the server's system identifier
    QString configFile; // pgbackrest.conf; empty: pgBackRest's default
    // The profile's keys `stanza=` and `pgbackrest_config=` under what is already set here.
    PitrSource withProfile(const Target &target) const;
};

struct PitrServer {
    QString systemId;
    QString lastArchivedWal;
    QDateTime lastArchivedAt;
    QString dataDirectory, archiveMode, archiveCommand, socketDirectory;
    int port = 0;
};

class PitrLocator {
public:
    // What the server says of itself (one read-only session).
    static Expected<PitrServer> server(const Target &target);
    // The stanza's info with the window's end moved to the server's last archived WAL; no value when no stanza
    // was named and none belongs to this server (or pgBackRest is not installed, or it or the server could not
    // be asked: logged). A named stanza pgBackRest cannot show is an error.
    static Expected<std::optional<PitrInfo>> find(const Target &target, const PitrSource &source);
    // find(), for the commands that need a stanza: none found is a NotFound error saying how to name or make one.
    static Expected<PitrInfo> require(const Target &target, const PitrSource &source);
    // The window's end: the server's last archived moment, when that WAL is in the repository.
    static void extendWindow(PitrInfo &info, const PitrServer &server);
};

} // namespace dbops
