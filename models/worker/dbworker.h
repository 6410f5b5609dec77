#pragma once
// One worker thread owning one connection to one target. Jobs run one after another on that thread;
// replies come back as queued signals carrying the request id and a value (never a QSqlQuery).
// The connection is opened lazily in the worker thread and reopened after it is lost.
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/error.h"
#include "worker/jobcontext.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <QVariant>

namespace dbops {

class WorkerCore;

class DbWorker : public QObject {
    Q_OBJECT
public:
    DbWorker(const Target &target, const SessionOptions &options, const QString &role, QObject *parent = nullptr);
    ~DbWorker() override;

    // Queues a job; returns its id (> 0). `needsConnection` false: the job gets no database (file work).
    quint64 submit(const QString &label, Job job, bool needsConnection = true);
    quint64 submit(const QString &label, const WorkerJob &job) { return submit(label, job.body, job.needsConnection); }
    // Sets the job's token and interrupts its running statement (sqlite3_interrupt / pg_cancel_backend).
    void cancel(quint64 id);
    void cancelAll();
    const Target &target() const { return m_target; }
    // Drops the connection so the next job opens a fresh one (used by reconnect).
    void resetConnection();

Q_SIGNALS:
    void jobStarted(quint64 id, const QString &label);
    void jobProgress(quint64 id, qint64 done, qint64 total, const QString &what);
    void jobFinished(quint64 id, const QVariant &result);
    void jobFailed(quint64 id, const dbops::Error &error);
    void connectionOpened();
    void connectionFailed(const dbops::Error &error);

private:
    friend class WorkerCore;
    void forget(quint64 id);

    Target m_target;
    SessionOptions m_options;
    QThread m_thread;
    WorkerCore *m_core = nullptr;
    QMutex m_mutex;
    QHash<quint64, CancelToken> m_tokens;
    quint64 m_nextId = 0;
};

} // namespace dbops
