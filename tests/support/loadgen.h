#pragma once
// A real load on the PostgreSQL test server, shaped like a bot's pool going wrong: N connections with one
// application_name, some left idle ("leaked"), some idle in transaction, some in an aborted transaction, slow
// statements, and a lock chain (holder <- waiter 1 <- waiter 2 ...) plus optionally one waiter blocked by
// every member of the chain at once (LOCK TABLE). Blocking statements run on threads of their own, each
// with its own connection; start() returns once pg_stat_activity shows every session in its state.
#include "connection/target.h"
#include "core/error.h"

#include <QList>
#include <QMutex>
#include <QStringList>

#include <memory>

class QThread;

namespace dbops::test {

struct LoadSpec {
    QString application = QStringLiteral("trading_bot");
    int idle = 0;              // connect, run one query, stay idle
    int idleInTransaction = 0; // BEGIN; SELECT 1; stay
    int aborted = 0;           // BEGIN; SELECT 1/0; stay (idle in transaction (aborted))
    int slow = 0;              // each runs SELECT pg_sleep(slowSeconds)
    double slowSeconds = 30;
    int chainWaiters = 0;      // lock chain: a holder (idle in transaction) and this many waiters in a row
    bool multiBlocked = false; // one more waiter blocked by the holder and every chain waiter (needs a chain)
};

class LoadGenerator {
public:
    explicit LoadGenerator(const Target &target);
    ~LoadGenerator(); // stop()

    // Opens everything and waits (up to timeoutMs) until the server shows it. The table the lock chain uses
    // (dbops_loadgen_lock) is created in the target database.
    Error start(const LoadSpec &spec, int timeoutMs = 15000);
    // Terminates every session of the load and joins its threads.
    void stop();

    QList<int> idlePids() const { return m_idle; }
    QList<int> idleInTransactionPids() const { return m_idleTx; }
    QList<int> abortedPids() const { return m_aborted; }
    QList<int> slowPids() const;
    int holderPid() const { return m_holder; }
    QList<int> chainPids() const; // waiter 1, waiter 2, ... (waiter i blocked by waiter i-1, waiter 1 by the holder)
    int multiBlockedPid() const;
    int total() const; // every connection of the load
    const LoadSpec &spec() const { return m_spec; }

private:
    Error openIdle(int count, const QString &setup, QList<int> *pids, bool expectFailure = false);
    Error prepareLockTable(int rows);
    void startBlocking(const QStringList &statements, int role, int index);
    Error waitForServer(int timeoutMs);

    Target m_target;
    LoadSpec m_spec;
    QStringList m_connections; // opened in the test's thread
    QList<int> m_idle, m_idleTx, m_aborted;
    int m_holder = 0;
    QList<QThread *> m_threads;
    mutable QMutex m_mutex;
    QList<int> m_slow, m_chain; // filled by the threads
    int m_multi = 0;
};

// What every PostgreSQL activity test sets up: a clean database of the test server with a load on it, and
// the same torn down at the end (the load stopped, the database dropped).
class LoadedDatabase {
public:
    explicit LoadedDatabase(const QString &dbname) : m_name(dbname) {}
    ~LoadedDatabase();
    // (Re)creates the empty database; start() does it when it has not been done.
    Error create();
    // Starts `spec` on the database; the error names what did not come up.
    Error start(const LoadSpec &spec, int timeoutMs = 15000);
    const LoadGenerator &load() const { return *m_load; }
    QString name() const { return m_name; }
    Target target() const;
    // postgresql://user@host:port/dbname, no password (libpq reads PGPASSFILE): what the CLI tests pass.
    QString uri() const;

private:
    QString m_name;
    bool m_created = false;
    std::unique_ptr<LoadGenerator> m_load;
};

} // namespace dbops::test
