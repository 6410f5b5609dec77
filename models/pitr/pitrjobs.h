#pragma once
// A PostgreSQL target's pgBackRest stanza as the GUI reads it, on a file worker (submit(..., false)): the same
// PitrLocator::find `dbops backups --json` reports as "pitr" (the profile's stanza= / pgbackrest_config=, else
// the stanza whose system identifier is the server's). The Backups tab's timeline draws its backups and window.
//
//   files->submit("read pitr", PitrJobs::read(target), false);
//   // jobFinished(id, v): v.value<PitrReading>() (never a failure: what went wrong is in it)
//
// The Backups tab's side instances run the CLI's own entry points as jobs (no connection of the worker's: each
// opens its own), so the console's restore, compare, copy-back and stop are audited exactly as the CLI's are:
//   restoreSide → SideRestoreResult   (dbops restore --at T --side-instance DIR --port N)
//   compare     → CompareResult       (dbops compare --with URI)
//   copyBack    → CopyBackResult      (dbops compare --table T --copy-back --yes; refused in incident mode)
//   stopSide    → SideInstanceMarker  (dbops side-instance --stop DIR --yes)
//   checkSide   → SideCheck           (the data directory and port, before a restore)
#include "connection/target.h"
#include "core/error.h"
#include "pitr/copyback.h"
#include "pitr/pitrlocator.h"
#include "pitr/sidecheck.h"
#include "pitr/siderestore.h"
#include "pitr/sidestop.h"
#include "pitr/tablecompare.h"
#include "worker/jobcontext.h"

#include <QMetaType>
#include <chrono>

namespace dbops {

struct PitrReading {
    bool found = false; // a stanza covers this server
    PitrInfo info;      // when found
    Error error;        // why it could not be read (a named stanza pgBackRest cannot show); none: simply none
    QList<SideRestoreResult> sides; // side instances of this server dbops made here, by the CLI or a console
    QString target; // the target read (Target::display); empty: no reading (the one sent when the target changes)
    std::chrono::steady_clock::time_point readAt; // when `sides` was read: a side instance started later may be missing
};

class PitrJobs {
public:
    // Not PostgreSQL: nothing found, no error. Runs in the calling thread: the job's body.
    static PitrReading readNow(const Target &target);
    static Job read(const Target &target);

    // The stanza found as read() finds it; a data directory in SideChecks::root() gets its folder made first.
    static Job restoreSide(const Target &live, const SideRestoreRequest &request);
    static Job checkSide(const QString &stanza, const QDateTime &moment, const QString &dataDir, int port);
    static Job compare(const Target &live, const Target &side);
    static Job copyBack(const Target &live, const Target &side, const CopyBackRequest &request);
    static Job stopSide(const QString &dataDir);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::PitrReading)
Q_DECLARE_METATYPE(dbops::SideRestoreResult)
Q_DECLARE_METATYPE(dbops::CompareResult)
Q_DECLARE_METATYPE(dbops::CopyBackResult)
