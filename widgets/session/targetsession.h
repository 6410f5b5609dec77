#pragma once
// The target the window is on, and the monitor that keeps its connection: one ConnectionMonitor (with its
// worker thread and connection) per opened target. Panels submit their read-only jobs to worker() and drop
// replies from an earlier target by comparing generation().
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "worker/connectionmonitor.h"

#include <QObject>
#include <memory>

namespace dbops {

class DbWorker;

class TargetSession : public QObject {
    Q_OBJECT
public:
    explicit TargetSession(QObject *parent = nullptr);
    ~TargetSession() override;

    // Replaces the current target (its worker is cancelled and closed) and starts monitoring `target`.
    void open(const Target &target, const SessionOptions &options = SessionOptions::monitor());
    void close();

    bool isOpen() const { return m_monitor != nullptr; }
    const Target &target() const { return m_target; }
    const SessionOptions &options() const { return m_options; }
    ConnectionMonitor *monitor() const { return m_monitor.get(); }
    DbWorker *worker() const;
    quint64 generation() const { return m_generation; }
    ConnectionMonitor::State state() const;
    QString stateText() const;

    void setPingIntervalMs(int ms) { m_pingIntervalMs = ms; }

Q_SIGNALS:
    void targetChanged(const dbops::Target &target);
    void stateChanged(dbops::ConnectionMonitor::State state);
    // PostgreSQL refused the credentials libpq found (~/.pgpass, PGPASSFILE): the window may ask for a password
    // and open() again with SessionOptions::password. `again` is true when a typed password was refused.
    void passwordNeeded(const dbops::Target &target, bool again);

private:
    void onMonitorState(ConnectionMonitor::State state);

    Target m_target;
    SessionOptions m_options;
    std::unique_ptr<ConnectionMonitor> m_monitor;
    quint64 m_generation = 0;
    int m_pingIntervalMs = 5000;
};

} // namespace dbops
