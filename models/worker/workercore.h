#pragma once
// The part of a DbWorker that lives on the worker thread: it owns the connection.
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/error.h"
#include "worker/jobcontext.h"

#include <QObject>
#include <atomic>

namespace dbops {

class WorkerCore : public QObject {
    Q_OBJECT
public:
    WorkerCore(const Target &target, const SessionOptions &options, const QString &role);
    ~WorkerCore() override;

    // Worker thread only.
    void run(quint64 id, const QString &label, const Job &job, const CancelToken &token, bool needsConnection);
    void closeConnection();

    // Any thread: interrupts the statement running for `id`, if it is the current job.
    void interrupt(quint64 id);

Q_SIGNALS:
    void started(quint64 id, const QString &label);
    void progress(quint64 id, qint64 done, qint64 total, const QString &what);
    void finished(quint64 id, const QVariant &result);
    void failed(quint64 id, const dbops::Error &error);
    void opened();
    void openFailed(const dbops::Error &error);

private:
    Error ensureOpen();

    Target m_target;
    SessionOptions m_options;
    QString m_role;
    QString m_connectionName;
    bool m_open = false;
    std::atomic<quint64> m_currentJob{0};
    std::atomic<void *> m_sqliteHandle{nullptr};
    std::atomic<int> m_pgBackendPid{0};
};

} // namespace dbops
