#pragma once
// The stores the restore tests start from (core and CLI alike): a live store, its backup, and what the live
// store did after the backup, so a restore has something to take away. Built with the fixture's own
// connections; the backup is taken with BackupService (audit off).
#include <QString>

namespace dbops {
struct RestorePlan;
struct TableImpact;
} // namespace dbops

namespace dbops::test {

struct RestoreFixture {
    static constexpr int kBackupTrades = 10; // trades in the backup
    static constexpr int kNewerTrades = 7;   // trades added after it (created_at 2026-02-01T00:01..07:00Z)
    static constexpr int kNewerOrders = 2;   // orders added after it (no timestamp column)
    static constexpr int kScratchRows = 3;   // table "scratch", created after it

    // `live`: a WAL store of 10 trades with user_version 4, backed up into `backupDir`; then 7 newer trades,
    // 2 orders, a new table scratch (3 rows) and user_version 5. Returns the backup's path; empty on failure.
    static QString createDivergedStore(const QString &live, const QString &backupDir);
    // The changes made after the backup (above), applied to `path`.
    static bool divergeAfterBackup(const QString &path);

    // A bot data directory `dataDir` with two stores, backed up as a whole into `backupDir`:
    //   trading/trading.db   as createDivergedStore (10 trades in the backup, 17 after)
    //   research/signals.db  signals(id, name, created_at): 4 rows in the backup, then 3 more
    // Returns the backup folder; empty on failure.
    static QString createDivergedDataDir(const QString &dataDir, const QString &backupDir);
    // The plan's impact row for table `name`, or null.
    static const TableImpact *tableOf(const RestorePlan &plan, const QString &name);
    static constexpr int kBackupSignals = 4;
    static constexpr int kNewerSignals = 3;
};

} // namespace dbops::test
