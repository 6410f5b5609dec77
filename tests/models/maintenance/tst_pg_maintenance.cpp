// PostgreSQL maintenance on a real table: VACUUM (ANALYZE) clears the dead rows, REINDEX CONCURRENTLY's
// progress is read from pg_stat_progress_create_index while it waits for a writer, cancel stops it and names
// the invalid index it leaves, unknown tables are refused before anything runs, and every run is audited.
#include "connection/connector.h"
#include "maintenance/maintenance.h"
#include "pgtestserver.h"

#include <QMutex>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {

const QString kDb = QStringLiteral("dbops_maintenance");

SessionOptions adminSession(const QString &app = QStringLiteral("maint_test_admin"))
{
    SessionOptions o = SessionOptions::action();
    o.applicationName = app;
    o.statementTimeoutMs = 0;
    o.idleInTransactionTimeoutMs = 0;
    return o;
}

bool execAll(const QStringList &statements)
{
    ScopedConnection c(PgTestServer::target(kDb), adminSession(), QStringLiteral("maint-admin"));
    if (!c.ok())
        return false;
    QSqlQuery q(c.db());
    for (const QString &s : statements)
        if (!q.exec(s)) {
            qWarning() << s << q.lastError().text();
            return false;
        }
    return true;
}

qint64 deadRows()
{
    ScopedConnection c(PgTestServer::target(kDb), adminSession(), QStringLiteral("stats"));
    QSqlQuery q(c.db());
    return q.exec(QStringLiteral("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'candles'")) && q.next()
               ? q.value(0).toLongLong()
               : -1;
}

// Runs maintenance on a thread of its own, collecting the progress lines it reports.
class Runner {
public:
    explicit Runner(const MaintenanceRequest &request, const AuditLog &audit)
    {
        OpControl control;
        control.token = m_token;
        control.progress = [this](qint64, qint64, const QString &what) {
            QMutexLocker lock(&m_mutex);
            m_lines << what;
        };
        m_thread.reset(QThread::create([this, request, control, audit] {
            m_result = Maintenance::run(PgTestServer::target(kDb), request, control, audit);
        }));
        m_thread->start();
    }
    ~Runner()
    {
        cancel(); // a test that failed half-way must not leave a statement running
        finish();
    }
    bool sawProgress(const QString &text) const
    {
        QMutexLocker lock(&m_mutex);
        for (const QString &l : m_lines)
            if (l.contains(text))
                return true;
        return false;
    }
    void cancel() { m_token.cancel(); }
    QString lines() const
    {
        QMutexLocker lock(&m_mutex);
        return m_lines.join(QLatin1Char('|'));
    }
    const MaintenanceResult &finish()
    {
        m_thread->wait(60000);
        return m_result;
    }

private:
    CancelToken m_token;
    mutable QMutex m_mutex;
    QStringList m_lines;
    MaintenanceResult m_result;
    std::unique_ptr<QThread> m_thread;
};

// A bot's session with an open write transaction on candles: REINDEX CONCURRENTLY waits for it.
class Writer {
public:
    Writer() : m_conn(PgTestServer::target(kDb), adminSession(QStringLiteral("maint_test_bot")), QStringLiteral("bot"))
    {
        QSqlQuery q(m_conn.db());
        m_ok = m_conn.ok() && q.exec(QStringLiteral("BEGIN")) &&
               q.exec(QStringLiteral("INSERT INTO candles (symbol, ts, close) VALUES ('X', now(), 1)"));
    }
    bool ok() const { return m_ok; }
    void rollback() { QSqlQuery(m_conn.db()).exec(QStringLiteral("ROLLBACK")); }

private:
    ScopedConnection m_conn;
    bool m_ok = false;
};

MaintenanceRequest request(MaintenanceOp op, const QStringList &tables)
{
    MaintenanceRequest r;
    r.op = op;
    r.tables = tables;
    r.pollMs = 20;
    return r;
}

} // namespace

class TestPgMaintenance : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    AuditLog audit() const { return AuditLog(m_dir.filePath(QStringLiteral("audit.db"))); }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(!PgTestServer::createDatabase(kDb));
        QVERIFY(execAll({QStringLiteral("CREATE TABLE candles (id bigserial PRIMARY KEY, symbol text NOT NULL, "
                                        "ts timestamptz NOT NULL, close double precision)"),
                         QStringLiteral("INSERT INTO candles (symbol, ts, close) SELECT 'BTCUSDT', now() - i * "
                                        "interval '1 minute', i FROM generate_series(1, 200000) i"),
                         QStringLiteral("CREATE INDEX candles_ts_idx ON candles (ts)")}));
    }

    void vacuumClearsTheDeadRowsOfARealTable()
    {
        QVERIFY(execAll({QStringLiteral("DELETE FROM candles WHERE id % 2 = 0")}));
        // The deleting session's statistics reach the server when it ends: wait for the dead rows to show.
        QTRY_VERIFY_WITH_TIMEOUT(deadRows() >= 100000, 10000);
        auto plan = Maintenance::preview(PgTestServer::target(kDb), request(MaintenanceOp::Vacuum, {"candles"}));
        QVERIFY2(plan, qPrintable(plan.error().oneLine()));
        QCOMPARE(plan->statements, QStringList{QStringLiteral("VACUUM (ANALYZE) candles")});
        QCOMPARE(plan->tableSizes.size(), 1);

        Runner runner(request(MaintenanceOp::Vacuum, {"candles"}), audit());
        const MaintenanceResult &r = runner.finish();
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QVERIFY(r.actionPid > 0);
        QCOMPARE(r.tablesBefore.size(), 1);
        QCOMPARE(r.tablesAfter.size(), 1);
        QVERIFY2(r.tablesBefore.first().deadRows >= 100000,
                 qPrintable(QString::number(r.tablesBefore.first().deadRows)));
        QCOMPARE(r.tablesAfter.first().deadRows, 0);
        QVERIFY(qAbs(r.tablesAfter.first().liveRows - 100000) < 5000); // ANALYZE's estimate
        qInfo() << "vacuum progress seen:" << r.progress.size() << "phases";
        auto records = audit().recent(1);
        QVERIFY(records && !records->isEmpty());
        QCOMPARE(records->first().action, QStringLiteral("maintenance"));
        QCOMPARE(records->first().outcome, QStringLiteral("ok"));
    }

    void reindexConcurrentlyShowsItsProgressWhileWaitingForAWriter()
    {
        Writer bot;
        QVERIFY(bot.ok());
        Runner runner(request(MaintenanceOp::Reindex, {"public.candles"}), audit());
        QTRY_VERIFY2_WITH_TIMEOUT(runner.sawProgress(QStringLiteral("waiting for writers")), qPrintable(runner.lines()),
                                  20000);
        bot.rollback();
        const MaintenanceResult &r = runner.finish();
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        // REINDEX TABLE also rebuilds the TOAST table's index, and the server reports the wait under the last
        // index it set up: the relation shown may be the TOAST table.
        const auto waited = std::find_if(r.progress.cbegin(), r.progress.cend(), [](const ProgressSample &p) {
            return p.command == QLatin1String("create_index") &&
                   p.phase.startsWith(QLatin1String("waiting for writers"));
        });
        QVERIFY(waited != r.progress.cend());
        QVERIFY(r.notes.isEmpty());
    }

    void cancelStopsReindexAndNamesTheInvalidIndexLeft()
    {
        Writer bot;
        QVERIFY(bot.ok());
        Runner runner(request(MaintenanceOp::Reindex, {"candles"}), audit());
        QTRY_VERIFY_WITH_TIMEOUT(runner.sawProgress(QStringLiteral("waiting for writers")), 20000);
        runner.cancel();
        const MaintenanceResult &r = runner.finish();
        bot.rollback();
        QCOMPARE(r.status, MaintenanceResult::Status::Cancelled);
        QVERIFY2(!r.notes.isEmpty() && r.notes.first().contains(QStringLiteral("_ccnew")),
                 qPrintable(r.notes.join(QLatin1Char('|'))));
        auto records = audit().recent(1);
        QVERIFY(records && !records->isEmpty());
        QCOMPARE(records->first().outcome, QStringLiteral("cancelled"));
        // Leave the table as it was for the other tests.
        ScopedConnection c(PgTestServer::target(kDb), adminSession(), QStringLiteral("cleanup"));
        QSqlQuery q(c.db());
        QVERIFY(q.exec(QStringLiteral("SELECT string_agg(indexrelid::regclass::text, ',') FROM pg_index "
                                      "WHERE NOT indisvalid")) &&
                q.next());
        for (const QString &index : q.value(0).toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            QVERIFY(QSqlQuery(c.db()).exec(QStringLiteral("DROP INDEX CONCURRENTLY ") + index));
    }

    void analyzeWholeDatabaseRuns()
    {
        Runner runner(request(MaintenanceOp::Analyze, {}), audit());
        const MaintenanceResult &r = runner.finish();
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(r.plan.statements, QStringList{QStringLiteral("ANALYZE")});
        QVERIFY(r.after.databaseBytes > 0);
    }

    void unknownTableIsRefusedBeforeAnythingRuns()
    {
        const MaintenanceResult r =
            Maintenance::run(PgTestServer::target(kDb), request(MaintenanceOp::Vacuum, {"no_such_table"}), {}, audit());
        QCOMPARE(r.status, MaintenanceResult::Status::Failed);
        QCOMPARE(r.error.code, ErrorCode::NotFound);
        QCOMPARE(r.actionPid, 0);
    }

    void sqliteOperationsAreRefusedOnPostgres()
    {
        auto plan = Maintenance::preview(PgTestServer::target(kDb), request(MaintenanceOp::Checkpoint, {}));
        QVERIFY(!plan);
        QCOMPARE(plan.error().code, ErrorCode::Unsupported);
    }

    void cleanupTestCase() { PgTestServer::dropDatabase(kDb); }
};

QTEST_GUILESS_MAIN(TestPgMaintenance)
#include "tst_pg_maintenance.moc"
