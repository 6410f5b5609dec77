#pragma once
// A lock-wait limit for a client program's session that no SET of its own can lift. pg_restore runs the
// archive's `SET lock_timeout = 0;`, which overrides the lock_timeout dbops hands it in PGOPTIONS: a forced restore
// then queued behind a bot's transaction for ever, and the bot's own statements queued behind the restore's
// AccessExclusive request. The watchdog, on a monitoring session of its own, reads the watched session (found by
// the unique application_name dbops gave it) about once a second; once it has waited on a lock for longer than the
// limit it is cancelled (pg_cancel_backend: its statement fails, its single transaction rolls back) and verdict()
// names the session holding the lock.
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/error.h"

#include <QElapsedTimer>
#include <memory>

namespace dbops {

class ScopedConnection;

class LockWatchdog {
public:
    // `watchedApp`: the application_name of the watched session (uniqueAppName()).
    LockWatchdog(const Target &target, const SessionOptions &options, const QString &watchedApp, int limitMs);
    ~LockWatchdog();
    LockWatchdog(const LockWatchdog &) = delete;
    LockWatchdog &operator=(const LockWatchdog &) = delete;

    Error open(); // the watchdog's own session (application_name dbops, read-only)
    // Cheap between checks: reads the server only when a second has passed since the last read.
    void poll();
    bool fired() const { return m_fired; }
    // After fired(): "pg_restore waited more than 30 s for a lock held by session 1234 (…)", with what to do.
    Error verdict(const QString &program) const;

    // "dbops-<role>-<pid>-<n>": tells this run's session from any other on the server (still a console name).
    static QString uniqueAppName(const QString &role);
    // The limit: `defaultMs`, or DBOPS_LOCK_WAIT_MS when set (tests wait seconds, not half a minute).
    static int limitMs(int defaultMs);

private:
    struct Holder {
        qint64 pid = 0;
        QString app;
        QString state;
        qint64 stateS = -1;
        int blockers = 0;
    };

    Target m_target;
    SessionOptions m_options;
    QString m_app;
    int m_limitMs;
    std::unique_ptr<ScopedConnection> m_conn;
    QElapsedTimer m_lastRead;
    QElapsedTimer m_waitingSince; // invalid while the watched session is not seen waiting
    bool m_fired = false;
    Holder m_holder;
};

} // namespace dbops
