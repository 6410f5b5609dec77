#include "worker/connectionmonitor.h"

#include "dialect/sqltext.h"
#include "worker/dbworker.h"

#include "connection/connector.h"

#include <QDir>
#include <QSqlQuery>
#include <spdlog/spdlog.h>

namespace dbops {

namespace {

QVariant pingJob(JobContext &ctx)
{
    if (ctx.target().kind == Target::Kind::DataDir) {
        if (QDir(ctx.target().path).exists())
            return true;
        return QVariant::fromValue(Error::make(ErrorCode::NotFound,
                                               QStringLiteral("no such directory: %1").arg(ctx.target().path),
                                               QStringLiteral("check the bot's data directory path")));
    }
    QSqlQuery q(ctx.db());
    const QString sql =
        ctx.target().isPostgres() ? SqlText::postgresql("common", "ping") : SqlText::sqlite("common", "read_schema");
    if (!q.exec(sql))
        return QVariant::fromValue(Connector::classify(q.lastError(), ctx.target(), QStringLiteral("reach")));
    return true;
}

} // namespace

ConnectionMonitor::ConnectionMonitor(const Target &target, const SessionOptions &options, QObject *parent)
    : QObject(parent), m_target(target)
{
    m_worker = new DbWorker(target, options, QStringLiteral("monitor"), this);
    m_pingTimer.setSingleShot(true);
    m_retryTimer.setInterval(1000);
    connect(&m_pingTimer, &QTimer::timeout, this, &ConnectionMonitor::ping);
    connect(&m_retryTimer, &QTimer::timeout, this, &ConnectionMonitor::tick);
    connect(m_worker, &DbWorker::jobFinished, this, [this](quint64 id, const QVariant &) {
        if (id != m_pingId)
            return;
        if (m_attempt > 0) // the log says when the losses end, not each try (see onPingFailed)
            spdlog::info("reconnected to {} after {} failed tries", m_target.display().toStdString(), m_attempt);
        m_attempt = 0;
        m_lastError = {};
        setState(State::Connected);
        m_pingTimer.start(m_pingIntervalMs);
    });
    connect(m_worker, &DbWorker::jobFailed, this, [this](quint64 id, const Error &error) {
        if (id == m_pingId)
            onPingFailed(error);
        else if (error.isConnectionLoss())
            reportError(error);
    });
}

ConnectionMonitor::~ConnectionMonitor() = default;

void ConnectionMonitor::start()
{
    setState(State::Connecting);
    ping();
}

void ConnectionMonitor::ping()
{
    const bool needsConnection = m_target.kind != Target::Kind::DataDir;
    m_pingId = m_worker->submit(QStringLiteral("ping"), pingJob, needsConnection);
}

void ConnectionMonitor::reportError(const Error &error)
{
    if (m_state == State::Reconnecting || m_state == State::Failed)
        return;
    m_pingTimer.stop();
    onPingFailed(error);
}

void ConnectionMonitor::onPingFailed(const Error &error)
{
    // One line when the connection is lost or the reason changes; the same reason again on each retry goes to
    // the debug level only, so a long outage does not fill the log with one line per try.
    const bool sameAgain = m_state == State::Reconnecting && error.oneLine() == m_lastError.oneLine();
    m_lastError = error;
    if (!error.isConnectionLoss()) {
        spdlog::warn("connection to {} failed: {}", m_target.display().toStdString(), error.oneLine().toStdString());
        setState(State::Failed);
        return;
    }
    m_worker->resetConnection();
    m_secondsToRetry = m_backoff.value(qMin(m_attempt, int(m_backoff.size()) - 1), 30);
    ++m_attempt;
    if (sameAgain)
        spdlog::debug("still no {} (try {}): {}; next try in {} s", m_target.display().toStdString(), m_attempt,
                      error.oneLine().toStdString(), m_secondsToRetry);
    else
        spdlog::warn("lost {}: {}; retrying until it answers (next try in {} s)", m_target.display().toStdString(),
                     error.oneLine().toStdString(), m_secondsToRetry);
    setState(State::Reconnecting);
    m_retryTimer.start();
}

void ConnectionMonitor::tick()
{
    if (--m_secondsToRetry > 0) {
        Q_EMIT stateChanged(m_state); // the countdown changed
        return;
    }
    m_retryTimer.stop();
    ping();
}

void ConnectionMonitor::setState(State state)
{
    const bool changed = m_state != state;
    m_state = state;
    if (changed || state == State::Reconnecting)
        Q_EMIT stateChanged(state);
}

QString ConnectionMonitor::stateText() const
{
    switch (m_state) {
    case State::Idle: return QStringLiteral("not connected");
    case State::Connecting: return QStringLiteral("connecting…");
    case State::Connected: return QStringLiteral("connected");
    case State::Reconnecting:
        return QStringLiteral("reconnecting (next try in %1 s): %2").arg(m_secondsToRetry).arg(m_lastError.message);
    case State::Failed: return QStringLiteral("failed: %1").arg(m_lastError.oneLine());
    }
    return {};
}

} // namespace dbops
