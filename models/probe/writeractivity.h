#pragma once
// "Is the bot writing?" — who else is using a store right now, so a destructive action (restore, cleanup)
// can refuse and name them unless the operator forces it.
// SQLite: processes holding the database, its -wal or -journal open (Linux /proc/<pid>/fd; this process is
// left out), a held write lock (BEGIN IMMEDIATE with no busy wait on a throwaway connection, rolled back at
// once), and *.lock files in the store's folder whose PID is alive (stale ones are listed apart).
// PostgreSQL: the other client sessions on the database, grouped by application_name (this session left
// out; the console's own "dbops*" sessions listed apart).
// A value snapshot; no state, no threads: call it from a worker.
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/expected.h"

#include <QJsonArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace dbops {

struct WriterEvidence {
    enum class Kind {
        OpenFile,  // a process holds the database (or its -wal / -journal) open
        WriteLock, // a write transaction is open on the SQLite database
        LockFile,  // a *.lock file names a live PID
        Session,   // PostgreSQL sessions of one application_name
    };
    Kind kind = Kind::OpenFile;
    QString name;       // process name (comm) / lock file name / application_name ("" shown as "(no name)")
    QList<qint64> pids; // processes / backends
    QString detail;     // e.g. "holds trading.db-wal", "2 sessions (1 active, 1 idle in transaction)"
    int sessions = 0;   // Session: how many
    bool stale = false; // LockFile whose PID is gone (not a writer)

    static QString kindName(Kind kind); // "open_file" | "write_lock" | "lock_file" | "session"
    QString describe() const;           // one line for an operator
};

struct WriterReport {
    QList<WriterEvidence> writers; // who is (or may be) writing
    QList<WriterEvidence> stale;   // stale lock files: reported, not counted
    QList<WriterEvidence> ours;    // PostgreSQL: the console's own other sessions, not counted
    QStringList notes;             // what could not be checked (e.g. /proc unreadable)

    bool writing() const { return !writers.isEmpty(); }
    QStringList describe() const; // one line per writer
    QJsonArray toJson() const;    // the writers, each {kind, name, pids, detail, sessions}
    QJsonArray staleJson() const;
};

class WriterActivity {
public:
    static Expected<WriterReport> probe(const Target &target,
                                        const SessionOptions &options = SessionOptions::monitor());
    static WriterReport probeSqlite(const QString &databasePath);
    static Expected<WriterReport> probePostgres(const Target &target, const SessionOptions &options);

    // The pieces, each usable alone.
    static QList<WriterEvidence> processesHolding(const QStringList &paths);
    static bool writeLockHeld(const QString &databasePath, QString *why = nullptr);
    static void lockFilesIn(const QString &folder, WriterReport &report);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::WriterReport)
