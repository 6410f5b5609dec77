#include "activity/activitymonitor.h"

#include "activity/pgslowprobe.h"
#include "activity/probestore.h"
#include "activity/sqlitelocks.h"
#include "activity/sqliteprobes.h"
#include "activity/statementsampler.h"
#include "worker/dbworker.h"

namespace dbops {

namespace {

SessionOptions monitorSession()
{
    SessionOptions o = SessionOptions::monitor();
    o.statementTimeoutMs = 5000; // a refresh must never hang the view
    return o;
}

constexpr int kMinIntervalMs = 100;
constexpr int kMaxIntervalMs = 5000;

// One SQLite refresh on the worker thread: the pool view (its write lock's holder followed across refreshes),
// the probe queries with the operator's saved ones, and the history sample.
QVariant refreshSqlite(const Target &target, const PoolOptions &pool, SlowOptions slow, const ProbeStore &probes,
                       const ActivityHistory &history, int interval, WriteLockWatch &lockWatch)
{
    ActivityRefresh r;
    auto p = PoolProbe::runSqlite(target, pool);
    if (!p)
        return QVariant::fromValue(p.error());
    for (SqlitePool &store : p->sqlite)
        store.writeLockHeldMs = lockWatch.observe(store.path, store.writeLockPids, p->at);
    auto saved = probes.load(target);
    if (saved)
        slow.sqliteProbes = saved.value();
    else
        r.historyError = saved.error();
    auto s = SqliteProbes::collect(target, SessionOptions::monitor(), slow);
    if (!s)
        return QVariant::fromValue(s.error());
    r.pool = p.value();
    r.slow = s.value();
    if (const Error e = history.appendSqlite(SqliteSample::fromPool(r.pool, interval)))
        r.historyError = e;
    return QVariant::fromValue(r);
}

} // namespace

ActivityMonitor::ActivityMonitor(const Target &target, QObject *parent)
    : QObject(parent), m_target(target), m_sampler(std::make_shared<StatementSampler>()),
      m_statements(std::make_shared<StatementCache>()), m_lockWatch(std::make_shared<WriteLockWatch>())
{
    qRegisterMetaType<dbops::PoolSnapshot>();
    qRegisterMetaType<dbops::SlowSnapshot>();
    qRegisterMetaType<dbops::ActivityRefresh>();
    qRegisterMetaType<QList<dbops::ActivitySample>>();
    qRegisterMetaType<QList<dbops::SqliteSample>>();
    m_worker = new DbWorker(target, monitorSession(), QStringLiteral("activity"), this);
    connect(m_worker, &DbWorker::jobFinished, this, &ActivityMonitor::onFinished);
    connect(m_worker, &DbWorker::jobFailed, this, &ActivityMonitor::onFailed);
    m_timer.setInterval(m_intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ActivityMonitor::refreshNow);
}

ActivityMonitor::~ActivityMonitor() = default;

void ActivityMonitor::setIntervalMs(int ms)
{
    m_intervalMs = std::clamp(ms, kMinIntervalMs, kMaxIntervalMs);
    m_timer.setInterval(m_intervalMs);
}

ActivityHistory ActivityMonitor::history() const
{
    ActivityHistory h(m_target.toSpec(), m_stateFile);
    h.setRetentionSeconds(m_retentionSeconds);
    return h;
}

void ActivityMonitor::start()
{
    m_timer.start();
    refreshNow();
}

void ActivityMonitor::stop()
{
    m_timer.stop();
    m_pending = 0;
}

void ActivityMonitor::refreshNow()
{
    if (m_pending != 0)
        return; // the previous refresh is still running: skip this tick
    const Target target = m_target;
    const PoolOptions pool = m_poolOptions;
    SlowOptions slow;
    slow.thresholdMs = m_thresholdMs;
    slow.top = m_top;
    slow.order = m_order;
    const ActivityHistory history = this->history();
    const int interval = m_intervalMs;
    const std::shared_ptr<StatementSampler> sampler = m_sampler;
    const std::shared_ptr<StatementCache> statements = m_statements;
    const std::shared_ptr<WriteLockWatch> lockWatch = m_lockWatch;
    const bool postgres = target.isPostgres();
    const ProbeStore probes(m_stateFile);
    m_pending = m_worker->submit(
        QStringLiteral("activity refresh"),
        [=](JobContext &ctx) -> QVariant {
            if (!postgres)
                return refreshSqlite(target, pool, slow, probes, history, interval, *lockWatch);
            auto activity = PgActivityReader::read(ctx.db(), target); // one pass for both views
            if (!activity)
                return QVariant::fromValue(activity.error());
            auto s = PgSlowProbe::run(ctx.db(), target, activity.value(), slow, sampler.get(), statements.get());
            if (!s)
                return QVariant::fromValue(s.error());
            ActivityRefresh r;
            r.pool.engine = QStringLiteral("postgresql");
            r.pool.location = target.display();
            r.pool.at = activity->at;
            r.pool.pg = PgPoolAnalyzer::analyze(activity.value(), pool);
            r.slow = s.value();
            r.historyError = history.append(ActivitySample::fromPool(*r.pool.pg, interval));
            return QVariant::fromValue(r);
        },
        postgres);
}

void ActivityMonitor::loadHistory(const QDateTime &from, const QDateTime &to)
{
    const ActivityHistory history = this->history();
    const bool postgres = m_target.isPostgres();
    m_historyJob = m_worker->submit(
        QStringLiteral("activity history"),
        [=](JobContext &) -> QVariant {
            if (!postgres) {
                auto samples = history.loadSqlite(from, to);
                return samples ? QVariant::fromValue(samples.value()) : QVariant::fromValue(samples.error());
            }
            auto samples = history.load(from, to);
            return samples ? QVariant::fromValue(samples.value()) : QVariant::fromValue(samples.error());
        },
        false);
}

void ActivityMonitor::addProbe(const QString &sql) { editProbes(sql, true); }

void ActivityMonitor::removeProbe(const QString &sql) { editProbes(sql, false); }

void ActivityMonitor::editProbes(const QString &sql, bool add)
{
    const ProbeStore store(m_stateFile);
    const Target target = m_target;
    m_probeJob = m_worker->submit(
        QStringLiteral("probe queries"),
        [=](JobContext &) -> QVariant {
            const Error e = add ? store.add(target, {sql}) : store.remove(target, sql);
            return e ? QVariant::fromValue(e) : QVariant(true);
        },
        false);
}

void ActivityMonitor::onFinished(quint64 id, const QVariant &result)
{
    if (id != 0 && id == m_historyJob) {
        m_historyJob = 0;
        if (m_target.isPostgres())
            Q_EMIT historyLoaded(result.value<QList<ActivitySample>>());
        else
            Q_EMIT sqliteHistoryLoaded(result.value<QList<SqliteSample>>());
        return;
    }
    if (id != 0 && id == m_probeJob) {
        m_probeJob = 0;
        Q_EMIT probesChanged({});
        refreshNow();
        return;
    }
    if (id != m_pending)
        return; // a late reply (stopped, or superseded)
    m_pending = 0;
    const ActivityRefresh r = result.value<ActivityRefresh>();
    if (r.historyError)
        Q_EMIT historyFailed(r.historyError);
    Q_EMIT refreshed(r.pool, r.slow);
}

void ActivityMonitor::onFailed(quint64 id, const Error &error)
{
    if (id != 0 && id == m_historyJob) {
        m_historyJob = 0;
        Q_EMIT historyFailed(error);
        return;
    }
    if (id != 0 && id == m_probeJob) {
        m_probeJob = 0;
        Q_EMIT probesChanged(error);
        return;
    }
    if (id != m_pending)
        return;
    m_pending = 0;
    Q_EMIT refreshFailed(error);
}

DbWorker *ActivityMonitor::actionWorker()
{
    if (!m_actions) {
        m_actions = new DbWorker(m_target, SessionOptions::action(), QStringLiteral("activity-actions"), this);
        auto done = [this](quint64 id, const QVariant &result, const Error &failure) {
            const auto job = m_actionJobs.take(id);
            if (job.second < 0) {
                Q_EMIT explained(result.toStringList(), failure);
                return;
            }
            const Error e = failure ? failure : result.value<Error>();
            Q_EMIT actionFinished(job.first, job.second, e);
        };
        connect(m_actions, &DbWorker::jobFinished, this, [done](quint64 id, const QVariant &r) { done(id, r, {}); });
        connect(m_actions, &DbWorker::jobFailed, this, [done](quint64 id, const Error &e) { done(id, {}, e); });
    }
    return m_actions;
}

void ActivityMonitor::signalSession(int pid, SessionActions::Kind kind)
{
    const Target target = m_target;
    const quint64 id = actionWorker()->submit(SessionActions::kindName(kind), [=](JobContext &ctx) -> QVariant {
        return QVariant::fromValue(SessionActions::signal(ctx.db(), target, pid, kind, AuditLog()));
    });
    m_actionJobs.insert(id, qMakePair(SessionActions::kindName(kind), pid));
}

void ActivityMonitor::cancelSession(int pid) { signalSession(pid, SessionActions::Kind::Cancel); }

void ActivityMonitor::terminateSession(int pid) { signalSession(pid, SessionActions::Kind::Terminate); }

void ActivityMonitor::explain(const QString &query, bool analyze)
{
    const Target target = m_target;
    const quint64 id = actionWorker()->submit(QStringLiteral("explain"), [=](JobContext &ctx) -> QVariant {
        auto plan = SessionActions::explain(ctx.db(), target, query, analyze);
        if (!plan)
            return QVariant::fromValue(plan.error());
        return plan.value();
    });
    m_actionJobs.insert(id, qMakePair(QStringLiteral("explain"), -1));
}

} // namespace dbops
