#pragma once
// The unit files of dbops schedules: user units in $XDG_CONFIG_HOME/systemd/user (default), system units in
// /etc/systemd/system (--system). Only files written by ScheduleSpec (its marker lines) are listed or removed.
#include "schedule/schedulespec.h"

namespace dbops {

class ScheduleUnits {
public:
    explicit ScheduleUnits(bool system);
    const QString &dir() const { return m_dir; }
    bool system() const { return m_system; }
    // Writes NAME.service and NAME.timer; a Usage error when a schedule of that name exists.
    Error add(const ScheduleSpec &spec) const;
    Expected<QList<ScheduleSpec>> list() const;
    // NotFound when there is no dbops schedule of that name.
    Error remove(const QString &name) const;

private:
    QString m_dir;
    bool m_system;
};

} // namespace dbops
