#pragma once
// A bot's data directory in one job (seed 002): every SQLite store (snapshot copies), DuckDB files copied as
// files only when no live writer holds them (an fcntl write lock on the file, as DuckDB takes, or a *.lock
// file with a live PID in its folder), else skipped with the reason. Built in a hidden folder beside the
// final one and renamed into place when complete: "<outDir>/<dir>-YYYYMMDD-HHMMSSZ/" mirrors the relative
// paths, each member with its own manifest; the folder's index manifest "<folder>.manifest.json" (engine
// "datadir") lists the members and what was skipped. Backup folders inside the data dir are not copied.
#include "connection/target.h"
#include "ops/backupresult.h"
#include "worker/opcontrol.h"

#include <QJsonArray>

namespace dbops {

class DataDirBackup {
public:
    static Expected<BackupResult> run(const Target &target, const BackupRequest &request, const OpControl &control);
    // The PIDs holding a write lock (fcntl, POSIX or OFD) on `path`; -1 for an OFD lock (no PID known).
    // Empty when none, or when the file cannot be opened.
    static QList<qint64> lockHolders(const QString &path);
    // Why `duckdbPath` must not be copied now; empty when it may.
    static QString writerBusyReason(const QString &duckdbPath);
    // The index manifest's checksum: sha256 of "<sha256>  <relative path>\n" lines of `members`, sorted.
    static QString treeHash(const QJsonArray &members);
};

} // namespace dbops
