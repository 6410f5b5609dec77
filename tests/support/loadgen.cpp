#include "loadgen.h"

#include "connection/connector.h"
#include "connection/sessionoptions.h"
#include "pgtestserver.h"

#include <QDeadlineTimer>
#include <QMutexLocker>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

namespace dbops::test {

namespace {

enum Role { SlowRole, ChainRole, MultiRole };

// A bot's session: no timeouts, so that what the test sets up stays as it is until stop().
SessionOptions botSession(const QString &application)
{
    SessionOptions o = SessionOptions::action();
    o.applicationName = application;
    o.statementTimeoutMs = 0;
    o.lockTimeoutMs = 0;
    o.idleInTransactionTimeoutMs = 0;
    return o;
}

SessionOptions adminSession()
{
    SessionOptions o = SessionOptions::action();
    o.applicationName = QStringLiteral("dbops-test-loadgen");
    return o;
}

int backendPid(QSqlDatabase db)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT pg_backend_pid()")) && q.next() ? q.value(0).toInt() : 0;
}

const QString kLockTable = QStringLiteral("dbops_loadgen_lock");

} // namespace

LoadGenerator::LoadGenerator(const Target &target) : m_target(target) {}

LoadGenerator::~LoadGenerator() { stop(); }

Error LoadGenerator::openIdle(int count, const QString &setup, QList<int> *pids, bool expectFailure)
{
    for (int i = 0; i < count; ++i) {
        const QString name = Connector::uniqueName(QStringLiteral("loadgen"));
        if (Error e = Connector::open(name, m_target, botSession(m_spec.application)))
            return e;
        m_connections << name;
        QSqlDatabase db = QSqlDatabase::database(name, false);
        pids->append(backendPid(db));
        QSqlQuery q(db);
        for (const QString &sql : setup.split(QLatin1Char(';'), Qt::SkipEmptyParts))
            if (!q.exec(sql) && !expectFailure)
                return Error::make(ErrorCode::QueryFailed,
                                   QStringLiteral("loadgen: %1 failed: %2").arg(sql, q.lastError().text()));
    }
    return {};
}

Error LoadGenerator::prepareLockTable(int rows)
{
    ScopedConnection admin(m_target, adminSession(), QStringLiteral("loadgen-admin"));
    if (!admin.ok())
        return admin.error();
    QSqlQuery q(admin.db());
    q.exec(QStringLiteral("SET client_min_messages = warning"));
    const QStringList sql{
        QStringLiteral("DROP TABLE IF EXISTS %1").arg(kLockTable),
        QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, v int NOT NULL DEFAULT 0)").arg(kLockTable),
        QStringLiteral("INSERT INTO %1 (id) SELECT generate_series(0, %2)").arg(kLockTable).arg(rows)};
    for (const QString &s : sql)
        if (!q.exec(s))
            return Error::make(ErrorCode::QueryFailed, QStringLiteral("loadgen: %1: %2").arg(s, q.lastError().text()));
    return {};
}

void LoadGenerator::startBlocking(const QStringList &statements, int role, int index)
{
    const Target target = m_target;
    const SessionOptions options = botSession(m_spec.application);
    QThread *thread = QThread::create([this, target, options, statements, role, index] {
        const QString name = Connector::uniqueName(QStringLiteral("loadgen-thread"));
        if (Connector::open(name, target, options))
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            const int pid = backendPid(db);
            {
                QMutexLocker lock(&m_mutex);
                if (role == SlowRole)
                    m_slow[index] = pid;
                else if (role == ChainRole)
                    m_chain[index] = pid;
                else
                    m_multi = pid;
            }
            QSqlQuery q(db);
            for (const QString &sql : statements)
                if (!q.exec(sql))
                    break; // terminated by stop()
        }
        Connector::close(name);
    });
    m_threads << thread;
    thread->start();
}

// True once pid is known (non-zero) and waits on a lock, or for slow statements, is running pg_sleep.
static bool serverShows(QSqlDatabase db, int pid, const QString &condition)
{
    if (pid == 0)
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND ") + condition);
    q.addBindValue(pid);
    return q.exec() && q.next() && q.value(0).toInt() == 1;
}

Error LoadGenerator::start(const LoadSpec &spec, int timeoutMs)
{
    m_spec = spec;
    const QDeadlineTimer deadline(timeoutMs);
    if (Error e = openIdle(spec.idle, QStringLiteral("SELECT 1"), &m_idle))
        return e;
    if (Error e = openIdle(spec.idleInTransaction, QStringLiteral("BEGIN;SELECT 1"), &m_idleTx))
        return e;
    if (Error e = openIdle(spec.aborted, QStringLiteral("BEGIN;SELECT 1/0"), &m_aborted, true))
        return e;
    {
        QMutexLocker lock(&m_mutex);
        m_slow = QList<int>(spec.slow, 0);
        m_chain = QList<int>(spec.chainWaiters, 0);
    }
    for (int i = 0; i < spec.slow; ++i)
        startBlocking({QStringLiteral("SELECT pg_sleep(%1)").arg(spec.slowSeconds)}, SlowRole, i);
    ScopedConnection admin(m_target, adminSession(), QStringLiteral("loadgen-admin"));
    if (!admin.ok())
        return admin.error();
    if (spec.chainWaiters > 0) {
        if (Error e = prepareLockTable(spec.chainWaiters + 1))
            return e;
        QList<int> holder;
        if (Error e =
                openIdle(1, QStringLiteral("BEGIN;UPDATE %1 SET v = v + 1 WHERE id = 0").arg(kLockTable), &holder))
            return e;
        m_holder = holder.value(0);
        for (int i = 1; i <= spec.chainWaiters; ++i) {
            startBlocking({QStringLiteral("BEGIN"),
                           QStringLiteral("UPDATE %1 SET v = v + 1 WHERE id = %2").arg(kLockTable).arg(i),
                           QStringLiteral("UPDATE %1 SET v = v + 1 WHERE id = %2").arg(kLockTable).arg(i - 1)},
                          ChainRole, i - 1);
            while (!serverShows(admin.db(), chainPids().value(i - 1), QStringLiteral("wait_event_type = 'Lock'"))) {
                if (deadline.hasExpired())
                    return Error::make(ErrorCode::Timeout,
                                       QStringLiteral("loadgen: lock chain waiter %1 never waited").arg(i));
                QThread::msleep(20);
            }
        }
        if (spec.multiBlocked)
            startBlocking({QStringLiteral("BEGIN"), QStringLiteral("LOCK TABLE %1 IN EXCLUSIVE MODE").arg(kLockTable)},
                          MultiRole, 0);
    }
    return waitForServer(int(deadline.remainingTime()));
}

Error LoadGenerator::waitForServer(int timeoutMs)
{
    ScopedConnection admin(m_target, adminSession(), QStringLiteral("loadgen-admin"));
    if (!admin.ok())
        return admin.error();
    const QDeadlineTimer deadline(std::max(timeoutMs, 0));
    for (;;) {
        bool ready = true;
        for (int pid : slowPids())
            ready = ready &&
                    serverShows(admin.db(), pid, QStringLiteral("state = 'active' AND query LIKE 'SELECT pg_sleep%'"));
        if (m_spec.multiBlocked && m_spec.chainWaiters > 0)
            ready = ready && serverShows(admin.db(), multiBlockedPid(), QStringLiteral("wait_event_type = 'Lock'"));
        if (ready)
            return {};
        if (deadline.hasExpired())
            return Error::make(ErrorCode::Timeout, QStringLiteral("loadgen: the server never showed the whole load"));
        QThread::msleep(20);
    }
}

void LoadGenerator::stop()
{
    if (m_connections.isEmpty() && m_threads.isEmpty())
        return;
    {
        ScopedConnection admin(m_target, adminSession(), QStringLiteral("loadgen-admin"));
        QSqlQuery q(admin.db());
        q.prepare(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE application_name = ? AND pid <> pg_backend_pid()"));
        q.addBindValue(m_spec.application);
        q.exec();
    }
    for (QThread *t : m_threads) {
        t->wait();
        delete t;
    }
    m_threads.clear();
    for (const QString &name : m_connections)
        Connector::close(name);
    m_connections.clear();
}

QList<int> LoadGenerator::slowPids() const
{
    QMutexLocker lock(&m_mutex);
    return m_slow;
}

QList<int> LoadGenerator::chainPids() const
{
    QMutexLocker lock(&m_mutex);
    return m_chain;
}

int LoadGenerator::multiBlockedPid() const
{
    QMutexLocker lock(&m_mutex);
    return m_multi;
}

int LoadGenerator::total() const
{
    return m_spec.idle + m_spec.idleInTransaction + m_spec.aborted + m_spec.slow +
           (m_spec.chainWaiters > 0 ? 1 + m_spec.chainWaiters + (m_spec.multiBlocked ? 1 : 0) : 0);
}

LoadedDatabase::~LoadedDatabase()
{
    m_load.reset(); // its sessions end before the database goes
    if (m_created)
        PgTestServer::dropDatabase(m_name);
}

Error LoadedDatabase::create()
{
    if (Error e = PgTestServer::createDatabase(m_name))
        return e;
    m_created = true;
    return {};
}

Error LoadedDatabase::start(const LoadSpec &spec, int timeoutMs)
{
    if (!m_created)
        if (Error e = create())
            return e;
    m_load = std::make_unique<LoadGenerator>(target());
    return m_load->start(spec, timeoutMs);
}

Target LoadedDatabase::target() const { return PgTestServer::target(m_name); }

QString LoadedDatabase::uri() const
{
    const Target t = target();
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(t.pg.user, t.pg.host).arg(t.pg.port).arg(t.pg.dbname);
}

} // namespace dbops::test
