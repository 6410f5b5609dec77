#pragma once
// Live activity for one target, for the GUI: every interval (1–5 s, configurable) a job on the monitor
// worker's thread reads the pool and slow-query snapshots (one pass over pg_stat_activity; pg_stat_statements,
// the costliest read, on every 10th refresh only), records a sample in the history store (connections by
// state; for SQLite the lock / WAL / process figures), and hands both back by a queued signal. A tick while a
// refresh is still running is skipped, late replies are dropped. Cancel / terminate / EXPLAIN run on a
// separate action session, created on first use. SQLite: the operator's saved probe queries (ProbeStore) are
// timed with the defaults on every refresh; the pool view only reads (who holds the write lock, and for how
// long across refreshes, from /proc/locks) unless the operator switches the active probes on.
#include "activity/activityhistory.h"
#include "activity/poolprobe.h"
#include "activity/sessionactions.h"
#include "activity/slowoptions.h"
#include "activity/slowsnapshot.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace dbops {

class DbWorker;
class StatementSampler;
class WriteLockWatch;
struct StatementCache;

struct ActivityRefresh {
    PoolSnapshot pool;
    SlowSnapshot slow;
    Error historyError; // recording the sample failed (the snapshots are still good)
};

class ActivityMonitor : public QObject {
    Q_OBJECT
public:
    explicit ActivityMonitor(const Target &target, QObject *parent = nullptr);
    ~ActivityMonitor() override;

    const Target &target() const { return m_target; }
    // Clamped to 100..5000 ms (the panel offers 1–5 s; tests sample faster).
    void setIntervalMs(int ms);
    int intervalMs() const { return m_intervalMs; }
    void setPoolOptions(const PoolOptions &options) { m_poolOptions = options; }
    const PoolOptions &poolOptions() const { return m_poolOptions; }
    // SQLite: the probes that write (write-lock probe, PASSIVE checkpoint); off unless the operator asks.
    void setActiveProbes(bool on) { m_poolOptions.activeProbes = on; }
    bool activeProbes() const { return m_poolOptions.activeProbes; }
    void setThresholdMs(double ms) { m_thresholdMs = ms; }
    void setTop(int top) { m_top = top; }
    void setOrder(const QString &order) { m_order = order; }
    void setStateFile(const QString &file) { m_stateFile = file; } // default: Paths::stateDatabase()
    void setHistoryRetentionSeconds(qint64 s) { m_retentionSeconds = s; }
    ActivityHistory history() const;

    void start();
    void stop();
    void refreshNow();
    bool isRunning() const { return m_timer.isActive(); }

    // PostgreSQL only; results come back as actionFinished / explained.
    void cancelSession(int pid);
    void terminateSession(int pid);
    void explain(const QString &query, bool analyze = false);
    // Reads the recorded samples of [from, to] on the worker thread; the answer comes as historyLoaded
    // (PostgreSQL) or sqliteHistoryLoaded (SQLite).
    void loadHistory(const QDateTime &from, const QDateTime &to);
    // SQLite: remembers / forgets one of the operator's probe queries for this target (ProbeStore), then
    // refreshes; the outcome comes as probesChanged.
    void addProbe(const QString &sql);
    void removeProbe(const QString &sql);

Q_SIGNALS:
    void historyLoaded(const QList<dbops::ActivitySample> &samples);
    void sqliteHistoryLoaded(const QList<dbops::SqliteSample> &samples);
    void probesChanged(const dbops::Error &error);
    void refreshed(const dbops::PoolSnapshot &pool, const dbops::SlowSnapshot &slow);
    void refreshFailed(const dbops::Error &error);
    void historyFailed(const dbops::Error &error);
    void actionFinished(const QString &action, int pid, const dbops::Error &error);
    void explained(const QStringList &plan, const dbops::Error &error);

private:
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);
    void signalSession(int pid, SessionActions::Kind kind);
    void editProbes(const QString &sql, bool add);
    DbWorker *actionWorker();

    Target m_target;
    DbWorker *m_worker = nullptr;
    DbWorker *m_actions = nullptr;
    QTimer m_timer;
    int m_intervalMs = 2000;
    PoolOptions m_poolOptions;
    double m_thresholdMs = 100;
    int m_top = 20;
    QString m_order = QStringLiteral("total");
    QString m_stateFile;
    qint64 m_retentionSeconds = ActivityHistory::DefaultRetentionSeconds;
    std::shared_ptr<StatementSampler> m_sampler;
    std::shared_ptr<StatementCache> m_statements; // used on the worker thread only
    std::shared_ptr<WriteLockWatch> m_lockWatch;  // SQLite "seen held for"; worker thread only
    quint64 m_pending = 0;
    QHash<quint64, QPair<QString, int>> m_actionJobs; // id -> (action, pid); pid -1: explain
    quint64 m_historyJob = 0;
    quint64 m_probeJob = 0;
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::ActivityRefresh)
Q_DECLARE_METATYPE(dbops::ActivitySample)
Q_DECLARE_METATYPE(dbops::SqliteSample)
