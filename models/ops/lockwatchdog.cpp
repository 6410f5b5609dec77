#include "ops/lockwatchdog.h"

#include "connection/connector.h"
#include "core/printable.h"
#include "dialect/sqltext.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace dbops {

namespace {
constexpr int kReadEveryMs = 1000;

QString sql(const char *key) { return SqlText::postgresql("lock_watchdog", key); }

QString seconds(qint64 s) { return s < 0 ? QStringLiteral("?") : QStringLiteral("%1 s").arg(s); }
} // namespace

LockWatchdog::LockWatchdog(const Target &target, const SessionOptions &options, const QString &watchedApp, int limitMs)
    : m_target(target), m_options(SessionOptions::monitor()), m_app(watchedApp), m_limitMs(limitMs)
{
    m_options.password = options.password;
    m_options.connectTimeoutS = options.connectTimeoutS;
}

LockWatchdog::~LockWatchdog() = default;

Error LockWatchdog::open()
{
    m_conn = std::make_unique<ScopedConnection>(m_target, m_options, QStringLiteral("lock-watchdog"));
    if (!m_conn->ok())
        return m_conn->error();
    return {};
}

void LockWatchdog::poll()
{
    if (m_fired || !m_conn || !m_conn->ok() || (m_lastRead.isValid() && m_lastRead.elapsed() < kReadEveryMs))
        return;
    m_lastRead.start();
    QSqlQuery q(m_conn->db());
    q.prepare(sql("watched"));
    q.addBindValue(m_app);
    // Not found (not connected yet, or gone) or not waiting: the wait, if any, starts again from the next sight.
    if (!q.exec() || !q.next() || !q.value(1).toBool()) {
        m_waitingSince.invalidate();
        return;
    }
    if (!m_waitingSince.isValid())
        m_waitingSince.start();
    if (m_waitingSince.elapsed() < m_limitMs)
        return;
    m_holder.pid = q.value(2).toLongLong();
    m_holder.app = q.value(3).toString();
    m_holder.state = q.value(4).toString();
    m_holder.stateS = q.value(5).isNull() ? -1 : q.value(5).toLongLong();
    m_holder.blockers = q.value(6).toInt();
    QSqlQuery cancel(m_conn->db());
    cancel.prepare(sql("cancel"));
    cancel.addBindValue(q.value(0).toLongLong());
    m_fired = cancel.exec();
}

Error LockWatchdog::verdict(const QString &program) const
{
    QString who;
    if (m_holder.pid > 0) {
        // A role without pg_read_all_stats sees other roles' sessions without their state.
        const QString state = m_holder.state.isEmpty()
                                  ? QStringLiteral("state unknown")
                                  : QStringLiteral("%1 for %2").arg(m_holder.state, seconds(m_holder.stateS));
        who = QStringLiteral(" held by session %1 (application_name \"%2\", %3%4)")
                  .arg(m_holder.pid)
                  .arg(Printable::name(m_holder.app), state,
                       m_holder.blockers > 1 ? QStringLiteral(", and %1 other session(s)").arg(m_holder.blockers - 1)
                                             : QString());
    }
    const QString end = m_holder.pid > 0
                            ? QStringLiteral("end that session (dbops slow --terminate %1 --yes)").arg(m_holder.pid)
                            : QStringLiteral("end the session holding it");
    return Error::make(ErrorCode::Busy,
                       QStringLiteral("%1 waited more than %2 for a lock%3 and was stopped")
                           .arg(program, seconds((m_limitMs + 999) / 1000), who),
                       QStringLiteral("stop the bot or %1, then retry").arg(end));
}

QString LockWatchdog::uniqueAppName(const QString &role)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("dbops-%1-%2-%3").arg(role).arg(QCoreApplication::applicationPid()).arg(++counter);
}

int LockWatchdog::limitMs(int defaultMs)
{
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("DBOPS_LOCK_WAIT_MS", &ok);
    return ok && fromEnv > 0 ? fromEnv : defaultMs;
}

} // namespace dbops
