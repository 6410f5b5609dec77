#pragma once
// Lists every store under a bot's data directory (seeds 000 and 002): SQLite files recognised by their
// header (not their extension), DuckDB files (listed, never opened: Qt SQL has no DuckDB driver), *.lock
// files holding a PID (alive, stale or unknown: see lockAlive), .schema_version files, backup folders.
//
// Backups: a sub-folder named "backup" or "backups" (any case) is one BackupDir item (bytes = total of every
// file under it, modified = newest file, note = file counts) and is not entered further: the SQLite copies in
// data/backups/<db_type>/<date>/ are not live stores, and listing them would bury the live ones. Scan the
// backup folder itself to see its files (the scanned folder is never folded, whatever its name).
// Lock files: the PID is the whole content, its first line, or a "pid": N / pid=N field; anything else (or
// an unreadable file) gives pid 0 and a note saying why.
// Symlinks: a symlinked directory is never entered (no loops); a symlinked file is listed under its link's
// path with a note naming the target. Only regular files are opened (never FIFOs or devices).
#include <QDateTime>
#include <QList>
#include <QString>

namespace dbops {

struct DiscoveredItem {
    enum class Kind { Sqlite, DuckDb, LockFile, SchemaVersion, BackupDir };
    Kind kind = Kind::Sqlite;
    QString path;         // absolute
    QString relativePath; // to the scanned directory
    qint64 bytes = 0;     // file size (SQLite: main file; walBytes separately); backup dir: total of its files
    qint64 walBytes = 0;  // SQLite: size of the -wal file; DuckDB: of the .wal file; 0 when absent
    QDateTime modified;
    qint64 pid = 0;        // LockFile: the PID written in it (0 when unreadable)
    bool pidAlive = false; // LockFile: that process exists now (not enough to call the lock alive: PID reuse)
    // LockFile: the lock is alive, decided the way the bots lock (seed 002: fcntl.flock on .writer.lock, PID
    // inside): some process holds a lock on the file now (/proc/locks, never by taking it), or the PID in it
    // has a store of the lock's folder open. Otherwise it is stale (with a PID) or unknown (without one).
    bool lockAlive = false;
    QList<qint64> lockHolders; // LockFile: PIDs holding a lock on it now (-1: an open-file-description lock)
    QString lockState() const; // LockFile: "alive" | "stale" | "unknown"
    QString version;           // SchemaVersion: file content (trimmed)
    QString note;              // human remark, e.g. "DuckDB: listed only, Qt SQL has no DuckDB driver"

    static QString kindName(Kind kind); // "sqlite", "duckdb", "lock", "schema_version", "backup_dir"
};

class StoreDiscovery {
public:
    static constexpr int DefaultMaxDepth = 8;
    // Recursive, depth-limited (files in the scanned folder are depth 0; a file `maxDepth` folders down is
    // still seen), directory symlinks not followed, -wal/-shm/-journal side files folded into their database
    // (SQLite `modified` is the newer of the file and its -wal). Sorted by kind then relative path. A path that
    // is not a readable directory gives an empty list.
    static QList<DiscoveredItem> scan(const QString &directory, int maxDepth = DefaultMaxDepth);
    static bool isSqliteFile(const QString &path);
    static bool isDuckDbFile(const QString &path);
    static bool isPidAlive(qint64 pid); // false for pid <= 0; true when it exists under another user (EPERM)
};

} // namespace dbops
