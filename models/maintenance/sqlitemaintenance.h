#pragma once
// The SQLite half of Maintenance: VACUUM, incremental_vacuum, PRAGMA optimize, ANALYZE, wal_checkpoint on
// one store file through a raw read-write handle (cancel interrupts it).
#include "maintenance/maintenance.h"

namespace dbops {

class SqliteMaintenance {
public:
    static Expected<MaintenancePlan> preview(const Target &target, const MaintenanceRequest &request);
    // Fills result.before/after/checkpoint/status/error; the plan is already in result.plan.
    static void run(MaintenanceResult &result, const OpControl &control);

    // The sizes and modes as PRAGMAs report them (read-only open).
    static Expected<StoreSizes> sizes(const QString &path);
    // Where SQLite writes VACUUM's temporary copy: SQLITE_TMPDIR, TMPDIR, /var/tmp, /usr/tmp, /tmp.
    static QString temporaryDirectory();
};

} // namespace dbops
