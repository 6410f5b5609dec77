#pragma once
// The start-up check the snapshot copy depends on: Qt's QSQLITE plugin and the libsqlite3 dbops links must be
// the same library (same version and source id). The snapshot copy opens its own connection through the
// linked library; were the plugin a second, bundled SQLite, the two would keep separate POSIX lock state for
// the same file, and closing one's descriptor would silently drop the other's locks. When they differ,
// backups fall back to `VACUUM INTO` run through Qt's own connection.
#include <QString>

namespace dbops {

struct SqliteLibraryCheck {
    QString linkedVersion;     // sqlite3_libversion() of the library dbops links
    QString qtVersion;         // sqlite_version() as Qt's QSQLITE plugin reports it; empty when unavailable
    bool agree = false;        // same version and source id: the snapshot page copy is safe
    bool forcedVacuum = false; // DBOPS_SQLITE_BACKUP_METHOD=vacuum
    QString note;              // why the fallback is used, for the manifest and the log

    bool useSnapshotCopy() const { return agree && !forcedVacuum; }

    // Checked once per process (thread-safe); later calls return the first answer.
    static const SqliteLibraryCheck &result();
    static SqliteLibraryCheck run();
};

} // namespace dbops
