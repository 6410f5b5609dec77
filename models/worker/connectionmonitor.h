#pragma once
// Keeps one monitor worker connected to a target and says how that is going: connecting, connected,
// reconnecting (next try in N s, and why), or failed (why) for errors that retrying cannot fix
// (wrong password, unknown database, not an SQLite file).
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/error.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace dbops {

class DbWorker;

class ConnectionMonitor : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Connected, Reconnecting, Failed };
    Q_ENUM(State)

    ConnectionMonitor(const Target &target, const SessionOptions &options, QObject *parent = nullptr);
    ~ConnectionMonitor() override;

    DbWorker *worker() const { return m_worker; }
    const Target &target() const { return m_target; }
    State state() const { return m_state; }
    const Error &lastError() const { return m_lastError; }
    int secondsToRetry() const { return m_secondsToRetry; }
    // "connected", "reconnecting (next try in 4 s): lost the connection to …", "failed: …"
    QString stateText() const;

    void setPingIntervalMs(int ms) { m_pingIntervalMs = ms; }
    void setBackoffSeconds(const QList<int> &steps) { m_backoff = steps; }
    void start();
    // Another job on this worker lost the connection: start reconnecting now.
    void reportError(const Error &error);

Q_SIGNALS:
    void stateChanged(dbops::ConnectionMonitor::State state);

private:
    void ping();
    void onPingFailed(const Error &error);
    void setState(State state);
    void tick();

    Target m_target;
    DbWorker *m_worker = nullptr;
    State m_state = State::Idle;
    Error m_lastError;
    QTimer m_pingTimer;
    QTimer m_retryTimer;
    int m_pingIntervalMs = 5000;
    QList<int> m_backoff{1, 2, 4, 8, 15, 30};
    int m_attempt = 0;
    int m_secondsToRetry = 0;
    quint64 m_pingId = 0;
};

} // namespace dbops
