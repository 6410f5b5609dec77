#pragma once
// The guard around one run of a schedulable command (backup, verify, drill, cleanup, maintain) on a store: it
// takes the job's JobLock. A scheduled run (DBOPS_SCHEDULE=<name> in its environment, set by the unit
// ScheduleSpec writes) that finds the lock taken by another run of the same job on the same store skips, and
// says so; a manual run refuses to start (busy()). A scheduled run's outcome and
// duration go into the audit trail (action "schedule"): `dbops schedule list` reads them when systemd cannot.
#include "core/error.h"

#include <QElapsedTimer>
#include <QString>
#include <memory>

namespace dbops {

class JobLock;

class ScheduledRun {
public:
    ScheduledRun(const QString &job, const QString &target, const QString &sourceId);
    ~ScheduledRun();

    static bool isSchedulable(const QString &job);
    static QString scheduleName(); // DBOPS_SCHEDULE, empty for a manual run
    bool scheduled() const { return !m_schedule.isEmpty(); }
    // A scheduled run whose job is already running on the store: it must not start.
    bool skips() const;
    // A manual run whose job is already running on the store (another manual run, the console's, a scheduled
    // one): it must not start either, and says so (LockedJobs::busy, the console's words). Ok when it may run.
    Error busy() const;
    QString skipMessage() const; // "skipped: a backup of /bots/trading.db is already running (pid 4242)"
    void finish(int exitCode);   // audit for a scheduled run

private:
    QString m_job;
    QString m_target;
    QString m_schedule;
    std::unique_ptr<JobLock> m_lock;
    QElapsedTimer m_timer;
};

} // namespace dbops
