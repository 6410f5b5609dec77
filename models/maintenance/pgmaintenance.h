#pragma once
// The PostgreSQL half of Maintenance. Each statement runs on an action session of its own thread (no
// statement_timeout: it may take long, and it can be cancelled); the calling thread keeps a monitor session,
// polls pg_stat_progress_* for the action session's pid, reports progress, and on cancel calls
// pg_cancel_backend(pid).
#include "maintenance/maintenance.h"

#include <QSqlDatabase>

namespace dbops {

class PgMaintenance {
public:
    static Expected<MaintenancePlan> preview(const Target &target, const MaintenanceRequest &request);
    static void run(MaintenanceResult &result, const OpControl &control);

    // The progress rows of backend `pid` now (empty when it runs no maintenance command).
    static Expected<QList<ProgressSample>> progressOf(QSqlDatabase db, const Target &target, int pid);
};

} // namespace dbops
