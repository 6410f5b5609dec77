#pragma once
// A consistent copy of a live SQLite database while its bot keeps writing, at file-copy speed.
//
// One read transaction pins a snapshot. In WAL mode, while it is open no checkpoint can change a page the
// snapshot reads from the main file, and the WAL frames up to the snapshot's end (mxFrame, read from the
// wal-index header, taken only when it did not move while the transaction began) cannot be overwritten.
// So the snapshot is: the main file's first page_count pages, with each page that has a frame <= mxFrame
// replaced by its newest such frame. Both files are read through SQLite's own file handles (no second file
// descriptor whose close() would drop the process's POSIX locks). In rollback-journal mode the shared lock
// keeps the main file still. Writers are never blocked in WAL mode (in rollback mode they wait at commit, as
// with any online backup). Row counts come from the pages as they stream past (BtreeCounter).
#include "core/expected.h"
#include "ops/manifest.h"
#include "worker/opcontrol.h"

namespace dbops {

class DurableFile;

struct SqliteSnapshotInfo {
    QString journalMode;
    int pageSize = 0;
    quint32 pageCount = 0;
    quint32 walFrames = 0;    // frames of the WAL that belong to the snapshot
    quint32 pagesFromWal = 0; // distinct pages taken from the WAL
    int snapshotAttempts = 0;
    int userVersion = 0;
    QString migrationVersion;
    QList<TableRows> tables;
    QString sha256;
    qint64 bytes = 0;
    QStringList quickCheck; // what SQLite's quick_check found wrong in the copy (empty: ok)
};

class SqliteSnapshotCopy {
public:
    // Copies `source` into `out` (created, not committed), hashing what is written.
    static Expected<SqliteSnapshotInfo> copy(const QString &source, DurableFile &out, const OpControl &control);
};

} // namespace dbops
