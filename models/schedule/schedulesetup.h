#pragma once
// Adding and removing a schedule the one way both front ends do it: `dbops schedule add|remove` and the
// console's Schedules section call these, so the checks, the unit files (ScheduleSpec) and the systemd steps are
// one piece of code. Writes files and waits for systemctl: call it off the GUI thread (ScheduleJobs).
#include "connection/target.h"
#include "schedule/schedulespec.h"

#include <QMetaType>

namespace dbops {

struct ScheduleDraft {
    QString job;
    Target target; // the store, written into the unit as its profile name, else its spec (never a password)
    QString every;
    QString name; // empty: ScheduleSpec::defaultName
    QStringList jobArgs;
    QString program; // the dbops executable the unit runs
};

struct ScheduleAdded {
    ScheduleSpec spec;
    QString service; // the files written
    QString timer;
    bool enabled = false;
    QString note; // "enabled", "not enabled (--no-enable)", "systemd not running (…)", or systemctl's complaint
};

class ScheduleSetup {
public:
    // The unit's word for the store: the profile name, else the spec without password.
    static QString targetWord(const Target &target);
    // Whether job options name the store themselves (the store is the schedule's own, not a job option).
    static bool namesStore(const QStringList &jobArgs);
    // The schedule a draft describes; a Usage error naming the first thing wrong and what to do.
    static Expected<ScheduleSpec> spec(const ScheduleDraft &draft);
    // Writes the units (ScheduleUnits::add); with `enable`, when systemd runs, reloads it and enables the timer.
    static Expected<ScheduleAdded> add(const ScheduleSpec &spec, bool system, bool enable);
    // Disables the timer when systemd runs, removes the units (NotFound: no such schedule), reloads.
    static Error remove(const QString &name, bool system);
    // The `dbops` a unit should run: this program when it is dbops, else the one beside it, else on PATH.
    static QString cliProgram();
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::ScheduleAdded)
