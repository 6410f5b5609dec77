#pragma once
// The console's backup and verify as worker jobs that hold the store's JobLock while they run: the lock the CLI
// takes around the same commands (ScheduledRun). A scheduled run that starts meanwhile skips; a console run that
// finds a run of the same job on the same store (scheduled or typed) does not start and says so. (Here, not in
// ops/: the lock belongs to schedule/, above ops/ in the layer order.)
//
//   ops->submit("backup", LockedJobs::backup(target, request), false); // jobFailed: Busy, "a backup of … is running"
//   ops->submit("verify", LockedJobs::verify(path), false);            // as BackupJobs::verify otherwise
#include "ops/backupjobs.h"

namespace dbops {

class LockedJobs {
public:
    // Runs `job` holding JobLock(name, sourceId); a Busy error naming `store` and the holder's pid otherwise.
    static Job guard(const QString &name, const QString &store, const QString &sourceId, Job job);
    static Job backup(const Target &target, const BackupRequest &request);
    // Locked for the store the backup's manifest names (a scheduled `verify --db STORE` writes the same manifest);
    // a backup whose manifest names none runs unguarded, as `dbops verify PATH` does.
    static Job verify(const QString &backupPath);
    // The refusal: "a backup of /bots/trading.db is already running (pid 4242): …".
    static Error busy(const QString &name, const QString &store, qint64 holderPid);
};

} // namespace dbops
