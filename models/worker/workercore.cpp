#include "worker/workercore.h"

#include "connection/connector.h"
#include "dialect/sqltext.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace dbops {

WorkerCore::WorkerCore(const Target &target, const SessionOptions &options, const QString &role)
    : m_target(target), m_options(options), m_role(role)
{}

WorkerCore::~WorkerCore() { closeConnection(); }

Error WorkerCore::ensureOpen()
{
    if (m_open)
        return {};
    m_connectionName = Connector::uniqueName(m_role);
    if (Error e = Connector::open(m_connectionName, m_target, m_options)) {
        Q_EMIT openFailed(e);
        return e;
    }
    m_open = true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (m_target.isSqlite()) {
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_sqliteHandle = *static_cast<void *const *>(handle.constData());
    } else {
        QSqlQuery q(db);
        if (q.exec(SqlText::postgresql("common", "backend_pid")) && q.next())
            m_pgBackendPid = q.value(0).toInt();
    }
    Q_EMIT opened();
    return {};
}

void WorkerCore::closeConnection()
{
    m_sqliteHandle = nullptr;
    m_pgBackendPid = 0;
    if (!m_connectionName.isEmpty())
        Connector::close(m_connectionName);
    m_connectionName.clear();
    m_open = false;
}

void WorkerCore::run(quint64 id, const QString &label, const Job &job, const CancelToken &token, bool needsConnection)
{
    if (token.isCancelled()) {
        Q_EMIT failed(id,
                      Error::make(ErrorCode::Cancelled, QStringLiteral("%1: cancelled before it started").arg(label)));
        return;
    }
    if (needsConnection) {
        if (Error e = ensureOpen()) {
            Q_EMIT failed(id, e);
            return;
        }
    }
    Q_EMIT started(id, label);
    m_currentJob = id;
    JobContext context(m_connectionName, m_target, token, [this, id](qint64 done, qint64 total, const QString &what) {
        Q_EMIT progress(id, done, total, what);
    });
    QVariant result;
    try {
        result = job(context);
    } catch (const std::exception &ex) {
        result = QVariant::fromValue(
            Error::make(ErrorCode::Internal, QStringLiteral("%1 failed: %2").arg(label, QString::fromUtf8(ex.what()))));
    } catch (...) {
        result = QVariant::fromValue(Error::make(ErrorCode::Internal, QStringLiteral("%1 failed").arg(label)));
    }
    m_currentJob = 0;
    if (token.isCancelled()) {
        Q_EMIT failed(id, Error::make(ErrorCode::Cancelled, QStringLiteral("%1: cancelled").arg(label)));
        return;
    }
    if (result.metaType() == QMetaType::fromType<Error>()) {
        const Error error = result.value<Error>();
        if (error.isConnectionLoss() && needsConnection)
            closeConnection(); // the next job reconnects
        Q_EMIT failed(id, error);
        return;
    }
    Q_EMIT finished(id, result);
}

void WorkerCore::interrupt(quint64 id)
{
    if (id == 0 || m_currentJob.load() != id)
        return;
    if (void *handle = m_sqliteHandle.load()) {
        sqlite3_interrupt(static_cast<sqlite3 *>(handle)); // documented as safe from another thread
        return;
    }
    const int pid = m_pgBackendPid.load();
    if (pid <= 0)
        return;
    // pg_cancel_backend from a short-lived session of our own, on a throwaway thread: never the GUI thread.
    const Target target = m_target;
    SessionOptions options = m_options;
    options.applicationName = QStringLiteral("dbops-cancel");
    QThread *thread = QThread::create([target, options, pid] {
        ScopedConnection conn(target, options, QStringLiteral("cancel"));
        if (!conn.ok())
            return;
        QSqlQuery q(conn.db());
        q.prepare(SqlText::postgresql("common", "cancel_backend"));
        q.addBindValue(pid);
        q.exec();
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace dbops
