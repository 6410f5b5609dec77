#pragma once
// SQLite files in the states a crashed or foreign writer leaves them, made by a forked child that writes with
// the SQLite C API and then dies without closing (as kill -9 would leave them).
#include <QString>

namespace dbops::test {

struct HostileFiles {
    // A rollback-journal store whose writer died mid-transaction: `path` plus a hot `path-journal`.
    static bool hotJournal(const QString &path);
    // A WAL store whose writer died with committed frames still only in `path-wal` (no checkpoint).
    static bool pendingWal(const QString &path);
};

} // namespace dbops::test
