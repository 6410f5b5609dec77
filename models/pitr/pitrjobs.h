#pragma once
// A PostgreSQL target's pgBackRest stanza as the GUI reads it, on a file worker (submit(..., false)): the same
// PitrLocator::find `dbops backups --json` reports as "pitr" (the profile's stanza= / pgbackrest_config=, else
// the stanza whose system identifier is the server's). The Backups tab's timeline draws its backups and window.
//
//   files->submit("read pitr", PitrJobs::read(target), false);
//   // jobFinished(id, v): v.value<PitrReading>() (never a failure: what went wrong is in it)
#include "connection/target.h"
#include "core/error.h"
#include "pitr/pitrlocator.h"
#include "worker/jobcontext.h"

#include <QMetaType>

namespace dbops {

struct PitrReading {
    bool found = false; // a stanza covers this server
    PitrInfo info;      // when found
    Error error;        // why it could not be read (a named stanza pgBackRest cannot show); none: simply none
};

class PitrJobs {
public:
    // Not PostgreSQL: nothing found, no error. Runs in the calling thread: the job's body.
    static PitrReading readNow(const Target &target);
    static Job read(const Target &target);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::PitrReading)
