#pragma once
// A lock file held the way the bots hold theirs (seed 002: fcntl.flock on .writer.lock, the PID written
// inside), by this process, until destroyed. What /proc/locks then shows is what dbops reads.
#include <QString>

namespace dbops::test {

class HeldLock {
public:
    // Writes `pid` (default: this process) into `path` (created if needed) and takes an exclusive flock on it.
    explicit HeldLock(const QString &path, qint64 pid = 0);
    ~HeldLock();
    HeldLock(const HeldLock &) = delete;
    HeldLock &operator=(const HeldLock &) = delete;
    bool ok() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

} // namespace dbops::test
