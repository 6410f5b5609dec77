#pragma once
// What dbops asks of systemctl for its schedules (user manager by default, the system manager with --system):
// whether systemd runs at all, reloading units, enabling/disabling timers, starting a run now, and a schedule's
// next and last run. The systemctl used is DBOPS_SYSTEMCTL when set (a test or a packager's path), else the one
// on PATH. Waits for systemctl (a few seconds at most): call it off the GUI thread.
#include "core/error.h"

#include <QDateTime>
#include <QStringList>

namespace dbops {

struct TimerState {
    bool known = false; // systemd answered for this schedule
    bool enabled = false;
    QDateTime next;      // invalid: none planned
    QDateTime lastStart; // the service's last start; invalid: never ran
    qint64 durationMs = -1;
    QString result; // "ok" | "warning" | "failed" | "running" | "" (never ran)
    int exitStatus = -1;
};

class Systemd {
public:
    explicit Systemd(bool system);
    // Whether a systemd manager answers; `why` names what is missing otherwise ("systemd not running").
    bool running(QString *why = nullptr) const;
    Error reload() const;
    Error enable(const QString &name) const;  // enable --now NAME.timer
    Error disable(const QString &name) const; // disable --now NAME.timer
    Error start(const QString &name) const;   // start NAME.service (run now, without waiting)
    TimerState state(const QString &name) const;

private:
    struct Output {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Output run(const QStringList &args) const;
    Error action(const QStringList &args, const QString &what) const;
    bool m_system;
    QString m_program;
};

} // namespace dbops
