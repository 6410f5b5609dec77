#pragma once
// "This job is running on this store": an flock on <state>/locks/<job>-<store hash>.lock, held by every
// backup / verify / drill / cleanup / maintain run for its store while it runs (manual or scheduled), released by
// the kernel when the process ends however it ends. A scheduled run that finds it taken skips (ScheduledRun).
#include <QString>

namespace dbops {

class JobLock {
public:
    JobLock(const QString &job, const QString &sourceId); // tries once, never waits
    ~JobLock();
    JobLock(const JobLock &) = delete;
    JobLock &operator=(const JobLock &) = delete;

    bool held() const { return m_fd >= 0; }
    // Who holds it when this one could not take it: the pid written into the file by its holder (0: unknown).
    qint64 holderPid() const { return m_holder; }
    static QString pathFor(const QString &job, const QString &sourceId);

private:
    int m_fd = -1;
    qint64 m_holder = 0;
};

} // namespace dbops
