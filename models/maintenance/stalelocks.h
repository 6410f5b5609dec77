#pragma once
// Lock files a bot leaves beside its stores (seed 002's `.writer.lock` holding the writer's PID): listed with
// their PID alive or gone (StoreDiscovery reads them), and the stale ones removed on request. A lock whose
// PID is alive is never touched: right before the unlink the file is read again (same PID, same file, PID
// still gone), so a bot that took the lock meanwhile keeps it. Every removal attempt is audited.
#include "audit/auditlog.h"
#include "connection/target.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

namespace dbops {

struct LockFileInfo {
    QString path;
    QString relativePath;
    qint64 pid = 0; // 0: the file names no PID (unreadable / other content): never removed
    bool alive = false;
    QDateTime modified;
    QString note;

    bool stale() const { return pid > 0 && !alive; }
    QString stateName() const; // "alive" | "stale" | "unknown"
    QJsonObject toJson() const;
};

struct LockScan {
    QString directory;
    QList<LockFileInfo> locks;
    int staleCount() const;
    QJsonObject toJson() const; // directory, count, stale, locks[{path, pid, state, …}]
};

struct LockRemoval {
    QString path;
    qint64 pid = 0;
    Error error; // none: removed
    QJsonObject toJson() const;
};

class StaleLocks {
public:
    // The folder a target's lock files live in: a data directory itself, a store file's folder.
    static Expected<QString> directoryFor(const Target &target);
    static Expected<LockScan> scan(const QString &directory);
    // Removes the scan's stale locks (`onlyPaths` non-empty: only those of them), each re-checked first.
    static QList<LockRemoval> removeStale(const LockScan &scan, const QStringList &onlyPaths = {},
                                          const AuditLog &audit = AuditLog());
    // One lock: Refused when it is alive now, names another PID than `expectedPid`, or is not a lock file.
    static Error removeIfStale(const QString &path, qint64 expectedPid);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::LockScan)
