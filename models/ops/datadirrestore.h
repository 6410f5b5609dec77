#pragma once
// Restore of a whole data directory from a data directory backup (a folder of member backups with an index
// manifest, DataDirBackup), with the guarantees of a single-store restore, store by store:
//   plan():  the folder is verified as a whole (index checksum, every member's checksum, integrity and row
//            counts) by RestorePlanner before this runs; here each store of the backup gets its own plan:
//            the impact (rows and newest timestamp now vs in the backup, schema versions) and its writers.
//            Stores of the data directory that the backup does not hold are left alone (said in the notes).
//   apply(): writers probed again per store (refused, naming the store and the process, unless forced);
//            one safety backup of the whole directory first; then each store restored in one transaction
//            (SQLite backup API: old or new content, never a mix; a store missing now is created under a
//            temporary name and renamed in); each verified after. A DuckDB member is replaced as a file by an
//            atomic rename, and only when no writer holds it and neither side has a .wal.
// The caller (RestoreService::apply) has checked the confirmation and that no backup file changed, and
// writes the audit record.
#include "ops/restoreplan.h"
#include "ops/restoreservice.h"

namespace dbops {

class DataDirRestore {
public:
    // Fills plan.members, plan.impact and plan.writers; plan.verify must be the verified folder.
    static Error plan(RestorePlan &plan, const OpControl &control);
    // Fills result (members, writers, safety backup, verified after); the error when not every store was
    // restored and verified.
    static Error apply(const RestorePlan &plan, const RestoreOptions &options, const OpControl &control,
                       RestoreResult &result);
};

} // namespace dbops
