#pragma once
// Lists every store under a bot's data directory (seeds 000 and 002): SQLite files recognised by their
// header (not their extension), DuckDB files (listed, never opened: Qt SQL has no DuckDB driver), *.lock
// files holding a PID (alive or stale, checked with kill(pid, 0)), .schema_version files, backup folders.
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
    qint64 walBytes = 0;  // SQLite: size of the -wal file, 0 when absent
    QDateTime modified;
    qint64 pid = 0;          // LockFile: the PID written in it (0 when unreadable)
    bool pidAlive = false;   // LockFile: that process exists now
    QString version;         // SchemaVersion: file content (trimmed)
    QString note;            // human remark, e.g. "DuckDB: listed only, Qt SQL has no DuckDB driver"

    static QString kindName(Kind kind); // "sqlite", "duckdb", "lock", "schema_version", "backup_dir"
};

class StoreDiscovery {
public:
    // Recursive, depth-limited (8), symlinks not followed, -wal/-shm/-journal side files folded into their
    // database. Sorted by kind then relative path.
    static QList<DiscoveredItem> scan(const QString &directory);
    static bool isSqliteFile(const QString &path);
    static bool isDuckDbFile(const QString &path);
    static bool isPidAlive(qint64 pid);
};

} // namespace dbops
