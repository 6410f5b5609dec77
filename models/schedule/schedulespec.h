#pragma once
// One scheduled dbops job as a systemd service + timer pair: what `dbops schedule add` writes and `list` reads
// back. The service runs the same CLI command an operator would type (the target as a profile name or a spec
// without password: Target::toSpec), with DBOPS_SCHEDULE=<name> in its environment so the run knows it is the
// scheduled one (ScheduledRun). The timer is Persistent=true: a run missed while the machine was off runs at the
// next start.
#include "core/expected.h"

#include <QStringList>

namespace dbops {

struct ScheduleSpec {
    QString name;        // unit name without suffix: "dbops-backup-trading"
    QString job;         // backup | verify | drill | cleanup | maintain
    QString target;      // profile name or spec, never a password
    QString every;       // as the operator gave it: "1h", "daily", "15min", "03:30", or an OnCalendar expression
    QString onCalendar;  // systemd's form of `every`
    QStringList jobArgs; // more options of the job's command ("--out", "/backups")
    QString program;     // the dbops executable the service runs

    static QStringList jobs();
    // systemd's OnCalendar for `every`; a Usage error naming the accepted forms otherwise.
    static Expected<QString> onCalendarFor(const QString &every);
    // "dbops-<job>-<target's last path part or profile name>", letters, digits, '-' and '_' only.
    static QString defaultName(const QString &job, const QString &target);
    static bool isValidName(const QString &name);

    QStringList command() const; // program, job, --db, target, (verify: --latest), --json, jobArgs
    QString serviceText() const;
    QString timerText() const;
    // From a service file `serviceText()` wrote; NotFound when it is not one of ours.
    static Expected<ScheduleSpec> fromServiceText(const QString &name, const QString &text);
};

} // namespace dbops
