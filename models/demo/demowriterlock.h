#pragma once
// A bot's `.writer.lock`: a file next to its store holding the PID of the process that writes it (seed 002).
// A lock whose PID is no longer alive is stale. Nothing here uses OS file locking: like the bots, the file's
// presence and its PID are the whole protocol.
#include "core/error.h"

#include <QString>

namespace dbops {

class DemoWriterLock {
public:
    DemoWriterLock() = default;
    ~DemoWriterLock() { release(); }
    DemoWriterLock(const DemoWriterLock &) = delete;
    DemoWriterLock &operator=(const DemoWriterLock &) = delete;

    // True when a process with this PID exists (also when it belongs to another user).
    static bool isProcessAlive(qint64 pid);
    // The PID in a lock file; 0 when the file is missing or does not hold a number.
    static qint64 readPid(const QString &lockPath);
    // Writes `pid` into `lockPath` (replacing the file).
    static Error writePid(const QString &lockPath, qint64 pid);

    // Takes the lock for this process. Refuses when a live process holds it; takes over a stale lock and
    // reports the dead PID in *stalePid (0 when there was none).
    Error acquire(const QString &lockPath, qint64 *stalePid = nullptr);
    // Removes the lock file if it still holds this process's PID.
    void release();
    bool isHeld() const { return !m_path.isEmpty(); }

private:
    QString m_path;
};

} // namespace dbops
