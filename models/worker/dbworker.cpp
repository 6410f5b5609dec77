#include "worker/dbworker.h"

#include "worker/workercore.h"

namespace dbops {

DbWorker::DbWorker(const Target &target, const SessionOptions &options, const QString &role, QObject *parent)
    : QObject(parent), m_target(target), m_options(options)
{
    qRegisterMetaType<dbops::Error>();
    m_thread.setObjectName(QStringLiteral("dbops-%1").arg(role));
    m_core = new WorkerCore(target, options, role);
    m_core->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_core, &QObject::deleteLater);
    connect(m_core, &WorkerCore::started, this, &DbWorker::jobStarted);
    connect(m_core, &WorkerCore::progress, this, &DbWorker::jobProgress);
    connect(m_core, &WorkerCore::finished, this, [this](quint64 id, const QVariant &result) {
        forget(id);
        Q_EMIT jobFinished(id, result);
    });
    connect(m_core, &WorkerCore::failed, this, [this](quint64 id, const Error &error) {
        forget(id);
        Q_EMIT jobFailed(id, error);
    });
    connect(m_core, &WorkerCore::opened, this, &DbWorker::connectionOpened);
    connect(m_core, &WorkerCore::openFailed, this, &DbWorker::connectionFailed);
    m_thread.start();
}

DbWorker::~DbWorker()
{
    cancelAll();
    QMetaObject::invokeMethod(
        m_core, [core = m_core] { core->closeConnection(); }, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait(); // jobs check their token; a running statement was interrupted above
}

quint64 DbWorker::submit(const QString &label, Job job, bool needsConnection)
{
    CancelToken token;
    quint64 id;
    {
        QMutexLocker lock(&m_mutex);
        id = ++m_nextId;
        m_tokens.insert(id, token);
    }
    QMetaObject::invokeMethod(
        m_core,
        [core = m_core, id, label, job = std::move(job), token, needsConnection] {
            core->run(id, label, job, token, needsConnection);
        },
        Qt::QueuedConnection);
    return id;
}

void DbWorker::cancel(quint64 id)
{
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_tokens.find(id);
        if (it == m_tokens.end())
            return;
        it->cancel();
    }
    m_core->interrupt(id);
}

void DbWorker::cancelAll()
{
    QList<quint64> ids;
    {
        QMutexLocker lock(&m_mutex);
        ids = m_tokens.keys();
    }
    for (quint64 id : ids)
        cancel(id);
}

void DbWorker::resetConnection()
{
    QMetaObject::invokeMethod(
        m_core, [core = m_core] { core->closeConnection(); }, Qt::QueuedConnection);
}

void DbWorker::forget(quint64 id)
{
    QMutexLocker lock(&m_mutex);
    m_tokens.remove(id);
}

} // namespace dbops
