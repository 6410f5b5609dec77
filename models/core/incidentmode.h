#pragma once
// Incident (read-only) mode: while it is on, dbops changes no store. Every action that would (restore, cleanup,
// maintenance, terminate/cancel, removing lock files, pruning backups) is refused by its entry point with
// ErrorCode::Refused and a message saying "incident mode is on" (exit 2); backup, verify and monitoring go on. Behind
// those checks the sessions dbops opens are read-only too (Connector, SqliteHandle, PostgreSQL tools ask
// IncidentMode::isOn()), so a code path that forgot its check still cannot write.
//
// One state per process, set by the front ends: the CLI's --read-only, a profile's read_only=true, the console's
// switch. Leaving it (the console, with a reason the caller audits) lifts it for a window only; when the window
// ends the mode is back on by itself, with no timer needed: every check reads the clock.
#include "core/error.h"

#include <QDateTime>
#include <QString>

namespace dbops {

struct IncidentState {
    bool commandLine = false; // --read-only
    bool profile = false;     // the open target's profile says read_only=true
    bool switchedOn = false;  // the console's switch
    QDateTime liftedUntil;    // UTC; while now < liftedUntil the mode is off whatever the sources say

    bool requested() const { return commandLine || profile || switchedOn; }
    bool isLifted(const QDateTime &now) const { return liftedUntil.isValid() && now < liftedUntil; }
    bool isOn(const QDateTime &now) const { return requested() && !isLifted(now); }
    // Where it came from, for messages: "--read-only", "the profile's read_only=true", "the console's switch".
    QString source() const;
};

class IncidentMode {
public:
    static IncidentState state();
    static bool isOn(const QDateTime &now = QDateTime::currentDateTimeUtc());

    static void setCommandLine(bool on);
    static void setProfile(bool on);
    // Switching on ends a lift at once.
    static void setSwitchedOn(bool on);
    // Leaves incident mode until `until` (UTC). The caller asks for the reason and audits it.
    static void liftUntil(const QDateTime &until);
    // Back to a process that never was in incident mode (tests, and a console that opens another target).
    static void reset();

    // ErrorCode::Refused naming `action` and how to leave the mode, or no error when the mode is off.
    // Every action's entry point in the core calls this before it touches anything.
    static Error refuse(const QString &action);
    // An error of incident mode (the refusal above, or a read-only session's), told from other refusals.
    static bool isIncidentError(const Error &error);
    // What a read-only session's failed write becomes: `what` on `where` refused, incident mode named.
    static Error writeRefused(const QString &what, const QString &where, const QString &detail);
};

} // namespace dbops
