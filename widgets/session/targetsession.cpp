#include "session/targetsession.h"

#include "worker/dbworker.h"

#include <spdlog/spdlog.h>

namespace dbops {

TargetSession::TargetSession(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<dbops::Target>();
    qRegisterMetaType<dbops::ConnectionMonitor::State>();
}

TargetSession::~TargetSession() = default;

void TargetSession::open(const Target &target, const SessionOptions &options)
{
    close();
    m_target = target;
    m_options = options;
    ++m_generation;
    spdlog::info("opening {}", target.display().toStdString());
    m_monitor = std::make_unique<ConnectionMonitor>(target, options);
    m_monitor->setPingIntervalMs(m_pingIntervalMs);
    connect(m_monitor.get(), &ConnectionMonitor::stateChanged, this, &TargetSession::onMonitorState);
    Q_EMIT targetChanged(m_target);
    m_monitor->start();
}

void TargetSession::close()
{
    if (!m_monitor)
        return;
    m_monitor->disconnect(this);
    m_monitor->worker()->cancelAll();
    m_monitor.reset(); // its worker interrupts the running statement, then joins its thread
    m_target = {};
    ++m_generation;
}

DbWorker *TargetSession::worker() const { return m_monitor ? m_monitor->worker() : nullptr; }

ConnectionMonitor::State TargetSession::state() const
{
    return m_monitor ? m_monitor->state() : ConnectionMonitor::State::Idle;
}

QString TargetSession::stateText() const { return m_monitor ? m_monitor->stateText() : tr("no target"); }

void TargetSession::onMonitorState(ConnectionMonitor::State state)
{
    Q_EMIT stateChanged(state);
    if (state == ConnectionMonitor::State::Failed && m_target.isPostgres() &&
        m_monitor->lastError().code == ErrorCode::AuthFailed)
        Q_EMIT passwordNeeded(m_target, !m_options.password.isEmpty());
}

} // namespace dbops
