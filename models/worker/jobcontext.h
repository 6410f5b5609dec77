#pragma once
#include "connection/target.h"
#include "core/canceltoken.h"
#include "core/expected.h"

#include <QSqlDatabase>
#include <QVariant>
#include <functional>

namespace dbops {

// What a job sees while it runs on a worker thread: the worker's own connection (opened in that thread),
// its cancel token, and a way to report progress. Never handed to another thread.
class JobContext {
public:
    using ProgressFn = std::function<void(qint64 done, qint64 total, const QString &what)>;

    JobContext(QString connectionName, Target target, CancelToken token, ProgressFn progress)
        : m_connectionName(std::move(connectionName)), m_target(std::move(target)), m_token(std::move(token)),
          m_progress(std::move(progress))
    {}

    QSqlDatabase db() const { return QSqlDatabase::database(m_connectionName, false); }
    const QString &connectionName() const { return m_connectionName; }
    const Target &target() const { return m_target; }
    const CancelToken &token() const { return m_token; }
    bool isCancelled() const { return m_token.isCancelled(); }
    void progress(qint64 done, qint64 total, const QString &what) const
    {
        if (m_progress)
            m_progress(done, total, what);
    }

private:
    QString m_connectionName;
    Target m_target;
    CancelToken m_token;
    ProgressFn m_progress;
};

// A job returns its value in a QVariant, or a dbops::Error in the QVariant when it failed.
using Job = std::function<QVariant(JobContext &)>;

// A job and whether it runs on the worker's own connection (false: file work, or the job opens its own).
// Entry points whose need depends on the target return this, so the caller does not branch on the engine.
struct WorkerJob {
    Job body;
    bool needsConnection = true;
};

// The reply of a job that produced an Expected: its value, or its Error.
template <class T>
QVariant jobReply(const Expected<T> &result)
{
    return result ? QVariant::fromValue(result.value()) : QVariant::fromValue(result.error());
}

} // namespace dbops
