#pragma once
// A store in the middle of a bot's work, for "monitoring never writes" tests: frames in its -wal that no
// checkpoint has copied back (WAL mode, auto-checkpoint off), or an open write transaction with its -journal
// (rollback mode), or an exclusive lock that keeps every other process out (a writer in locking_mode=EXCLUSIVE
// inside a write transaction: readers get SQLITE_BUSY). A read-write connection of this process holds that state until
// the object is destroyed. fingerprint() is what monitoring must leave alone: the database, its -wal and its -journal
// (the -shm index aside), each by size and SHA-256.
#include <QString>

namespace dbops::test {

class BusyStore {
public:
    enum class Mode { WalPendingFrames, RollbackOpenTransaction, ExclusiveLock };

    BusyStore(const QString &path, Mode mode);
    ~BusyStore();
    BusyStore(const BusyStore &) = delete;
    BusyStore &operator=(const BusyStore &) = delete;

    bool ok() const { return m_ok; }
    const QString &path() const { return m_path; }
    // One line per file: "trading.db-wal: 41232 bytes sha256 …" or "trading.db-journal: absent".
    static QString fingerprint(const QString &path);
    static QString modeName(Mode mode); // "wal" | "rollback" | "exclusive"

private:
    QString m_path;
    QString m_connection;
    Mode m_mode;
    bool m_ok = false;
};

} // namespace dbops::test
