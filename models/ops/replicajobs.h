#pragma once
// A store's Litestream replica as the GUI reads it, on a file worker (submit(..., false)): the folder (the one given,
// else the store's profile's replica=), the window `litestream generations` reports, and the live store's newest
// write. The Backups tab's timeline draws it; continuous protection (ProtectRunner) reads its lag from it.
//
//   files->submit("read replica", ReplicaJobs::read(target, chosenFolder), false);
//   // jobFinished(id, v): v.value<ReplicaReading>() (never a failure: what is missing is in it)
#include "connection/target.h"
#include "core/error.h"
#include "ops/litestream.h"
#include "worker/jobcontext.h"

#include <QMetaType>

namespace dbops {

struct ReplicaReading {
    QString replicaRoot; // the folder read; empty: none given and the profile keeps none
    bool hasWindow = false;
    ReplicaWindow window; // when hasWindow
    Error error;          // why there is no window (no Litestream, no replica there yet); none without a folder
    QDateTime lastWrite;  // the live store's newest write (UTC); invalid when it is not a SQLite file
};

class ReplicaJobs {
public:
    // `replicaRoot` empty: the profile's. Runs the reading in the calling thread: the job's body.
    static ReplicaReading readNow(const Target &target, const QString &replicaRoot);
    static Job read(const Target &target, const QString &replicaRoot);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::ReplicaReading)
