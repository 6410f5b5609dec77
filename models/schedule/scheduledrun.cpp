#include "schedule/scheduledrun.h"

#include "audit/auditlog.h"
#include "schedule/joblock.h"
#include "schedule/lockedjobs.h"
#include "schedule/schedulespec.h"

namespace dbops {

ScheduledRun::ScheduledRun(const QString &job, const QString &target, const QString &sourceId)
    : m_job(job), m_target(target), m_schedule(scheduleName()), m_lock(std::make_unique<JobLock>(job, sourceId))
{
    m_timer.start();
}

ScheduledRun::~ScheduledRun() = default;

bool ScheduledRun::isSchedulable(const QString &job) { return ScheduleSpec::jobs().contains(job); }

QString ScheduledRun::scheduleName() { return qEnvironmentVariable("DBOPS_SCHEDULE"); }

bool ScheduledRun::skips() const { return scheduled() && !m_lock->held(); }

Error ScheduledRun::busy() const
{
    return scheduled() || m_lock->held() ? Error() : LockedJobs::busy(m_job, m_target, m_lock->holderPid());
}

QString ScheduledRun::skipMessage() const
{
    QString who = m_lock->holderPid() > 0 ? QStringLiteral(" (pid %1)").arg(m_lock->holderPid()) : QString();
    return QStringLiteral("skipped: a %1 of %2 is already running%3; the schedule %4 runs again at its next time")
        .arg(m_job, m_target, who, m_schedule);
}

void ScheduledRun::finish(int exitCode)
{
    if (!scheduled())
        return;
    AuditRecord r;
    r.target = m_target;
    r.action = QStringLiteral("schedule");
    r.parameters = m_schedule;
    r.outcome = skips()         ? QStringLiteral("skipped")
                : exitCode == 0 ? QStringLiteral("ok")
                : exitCode == 1 ? QStringLiteral("warning")
                                : QStringLiteral("failed");
    r.detail = QStringLiteral("%1 exit %2 in %3 ms").arg(m_job).arg(exitCode).arg(m_timer.elapsed());
    if (skips())
        r.detail = skipMessage();
    AuditLog().append(r);
}

} // namespace dbops
