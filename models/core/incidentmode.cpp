#include "core/incidentmode.h"

#include <QMutex>
#include <QMutexLocker>

namespace dbops {

namespace {

// Workers read it while the GUI thread switches it: one small lock, never held while anything else runs.
QMutex g_lock;
IncidentState g_state;
const QString kOn = QStringLiteral("incident mode is on"); // in every message of the mode: how it is told apart

} // namespace

QString IncidentState::source() const
{
    QStringList why;
    if (commandLine)
        why << QStringLiteral("--read-only");
    if (profile)
        why << QStringLiteral("the profile's read_only=true");
    if (switchedOn)
        why << QStringLiteral("the console's read-only switch");
    return why.join(QStringLiteral(", "));
}

IncidentState IncidentMode::state()
{
    QMutexLocker lock(&g_lock);
    return g_state;
}

bool IncidentMode::isOn(const QDateTime &now) { return state().isOn(now); }

void IncidentMode::setCommandLine(bool on)
{
    QMutexLocker lock(&g_lock);
    g_state.commandLine = on;
}

void IncidentMode::setProfile(bool on)
{
    QMutexLocker lock(&g_lock);
    g_state.profile = on;
}

void IncidentMode::setSwitchedOn(bool on)
{
    QMutexLocker lock(&g_lock);
    g_state.switchedOn = on;
    if (on)
        g_state.liftedUntil = {};
}

void IncidentMode::liftUntil(const QDateTime &until)
{
    QMutexLocker lock(&g_lock);
    g_state.liftedUntil = until.toUTC();
}

void IncidentMode::reset()
{
    QMutexLocker lock(&g_lock);
    g_state = {};
}

Error IncidentMode::refuse(const QString &action)
{
    const IncidentState s = state();
    if (!s.isOn(QDateTime::currentDateTimeUtc()))
        return {};
    const QString hint = s.commandLine && !s.profile && !s.switchedOn
                             ? QStringLiteral("run it without --read-only once the incident allows changes")
                             : QStringLiteral("leave incident mode in the console (View ▸ Read-only, with a reason) or "
                                              "remove read_only from the profile once the incident allows changes");
    return Error::make(ErrorCode::Refused,
                       QStringLiteral("%1 refused: %2 (read-only, from %3)").arg(action, kOn, s.source()), hint);
}

bool IncidentMode::isIncidentError(const Error &error)
{
    return error.code == ErrorCode::Refused && error.message.contains(kOn);
}

Error IncidentMode::writeRefused(const QString &what, const QString &where, const QString &detail)
{
    return Error::make(ErrorCode::Refused, QStringLiteral("cannot %1 %2: %3 (read-only)").arg(what, where, kOn),
                       QStringLiteral("leave incident mode first"), detail);
}

} // namespace dbops
