#include "schedule/schedulejobs.h"

#include "schedule/systemd.h"

namespace dbops {
namespace {

// Runs `act` when systemd answers; otherwise the error names what is missing.
QVariant withSystemd(bool system, const QString &done, const std::function<Error(const Systemd &)> &act)
{
    const Systemd systemd(system);
    QString why;
    if (!systemd.running(&why))
        return QVariant::fromValue(
            Error::make(ErrorCode::Unsupported, why, QStringLiteral("the timers run once systemd runs")));
    if (Error e = act(systemd))
        return QVariant::fromValue(e);
    return done;
}

} // namespace

Job ScheduleJobs::list(bool system)
{
    return [system](JobContext &) -> QVariant {
        auto list = ScheduleStatus::read(system);
        if (!list)
            return QVariant::fromValue(list.error());
        return QVariant::fromValue(list.value());
    };
}

Job ScheduleJobs::setEnabled(const QString &name, bool enabled, bool system)
{
    return [name, enabled, system](JobContext &) -> QVariant {
        return withSystemd(system,
                           enabled ? QStringLiteral("%1 enabled").arg(name) : QStringLiteral("%1 disabled").arg(name),
                           [&](const Systemd &s) { return enabled ? s.enable(name) : s.disable(name); });
    };
}

Job ScheduleJobs::runNow(const QString &name, bool system)
{
    return [name, system](JobContext &) -> QVariant {
        return withSystemd(system, QStringLiteral("%1 started").arg(name),
                           [&](const Systemd &s) { return s.start(name); });
    };
}

Job ScheduleJobs::add(const ScheduleSpec &spec, bool system)
{
    return [spec, system](JobContext &) -> QVariant {
        auto added = ScheduleSetup::add(spec, system, true);
        return added ? QVariant::fromValue(added.value()) : QVariant::fromValue(added.error());
    };
}

Job ScheduleJobs::remove(const QString &name, bool system)
{
    return [name, system](JobContext &) -> QVariant {
        if (Error e = ScheduleSetup::remove(name, system))
            return QVariant::fromValue(e);
        return QStringLiteral("%1 removed").arg(name);
    };
}

Job ScheduleJobs::cliProgram()
{
    return [](JobContext &) -> QVariant { return ScheduleSetup::cliProgram(); };
}

} // namespace dbops
