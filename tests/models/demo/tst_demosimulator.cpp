// `dbops demo --simulate`: a bot-like writer that writes exactly what its schedule says, holds the store's
// .writer.lock while it runs, and stops promptly when asked.
#include "demo/demooptions.h"
#include "demo/demosimulator.h"
#include "demo/demostore.h"
#include "sqlitefixture.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <memory>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

qint64 count(const QString &path, const QString &table, const QString &where = {})
{
    const QString sql = QStringLiteral("SELECT count(*) FROM %1").arg(table) +
                        (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    const QVariant v = SqliteFixture::scalar(path, sql);
    return v.isValid() ? v.toLongLong() : -1;
}

QByteArray fileContent(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Runs the simulator in a thread of its own, as the CLI's worker would.
class Runner {
public:
    Runner(const QString &db, const SimulatorOptions &opts)
        : m_thread(QThread::create([this, db, opts] { m_stats = DemoSimulator().run(db, m_stop, opts); }))
    {
        m_thread->start();
    }
    ~Runner()
    {
        m_stop = true;
        m_thread->wait();
    }
    void stop() { m_stop = true; }
    bool wait(unsigned long ms) { return m_thread->wait(ms); }
    bool isFinished() const { return m_thread->isFinished(); }
    const SimulatorStats &stats() const { return m_stats; }

private:
    std::atomic_bool m_stop{false};
    SimulatorStats m_stats;
    std::unique_ptr<QThread> m_thread;
};

} // namespace

class TestDemoSimulator : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dir;
    DemoOptions m_opts;

    QString db() const { return DemoStore::tradingDbPath(m_dir); }
    QString lock() const { return DemoStore::writerLockPath(m_dir); }
    QByteArray ownPid() const { return QByteArray::number(QCoreApplication::applicationPid()); }

private Q_SLOTS:
    void initTestCase()
    {
        // A small store: 2 days, 3 symbols (open positions on the first two of them).
        m_opts.days = 2;
        m_opts.marketDataDays = 1;
        m_opts.symbols = {QStringLiteral("SOLUSDT"), QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")};
    }

    // A fresh demo store for every test, with the stale lock demo creates.
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_dir = m_tmp->filePath(QStringLiteral("demo"));
        const Error e = DemoStore::create(m_dir, m_opts);
        QVERIFY2(!e, qPrintable(e.oneLine()));
    }

    void writesExpectedRowsForIterations()
    {
        const int s = int(m_opts.symbols.size());
        const QStringList tables = {QStringLiteral("market_data"), QStringLiteral("signals"),
                                    QStringLiteral("orders"),      QStringLiteral("trades"),
                                    QStringLiteral("error_logs"),  QStringLiteral("positions")};
        QMap<QString, qint64> before;
        for (const QString &t : tables)
            before[t] = count(db(), t);
        SimulatorOptions opts;
        opts.intervalMs = 0;
        opts.maxIterations = 10;
        opts.tradeEvery = 5; // iterations 5 and 10
        opts.errorEvery = 4; // iterations 4 and 8
        std::atomic_bool stop{false};
        const SimulatorStats stats = DemoSimulator().run(db(), stop, opts);
        QVERIFY2(!stats.error, qPrintable(stats.error.oneLine()));
        QCOMPARE(stats.iterations, 10);
        QCOMPARE(count(db(), QStringLiteral("market_data")) - before["market_data"], qint64(10 * s));
        QCOMPARE(count(db(), QStringLiteral("signals")) - before["signals"], 2);
        QCOMPARE(count(db(), QStringLiteral("orders")) - before["orders"], 2);
        QCOMPARE(count(db(), QStringLiteral("trades")) - before["trades"], 2);
        QCOMPARE(count(db(), QStringLiteral("error_logs")) - before["error_logs"], 2);
        QCOMPARE(count(db(), QStringLiteral("positions")) - before["positions"], 0);
    }

    void statsCountWhatWasWritten()
    {
        // Trades go to the symbols in name order: BTCUSDT, then ETHUSDT. The store holds open positions on the
        // first two configured symbols (SOLUSDT, BTCUSDT), so a trade updates exactly the BTCUSDT one.
        const qint64 openOnTraded = count(db(), QStringLiteral("positions"),
                                          QStringLiteral("status = 'OPEN' AND symbol IN ('BTCUSDT', 'ETHUSDT')"));
        QCOMPARE(openOnTraded, 1);
        SimulatorOptions opts;
        opts.intervalMs = 0;
        opts.maxIterations = 10;
        opts.tradeEvery = 5;
        opts.errorEvery = 4;
        std::atomic_bool stop{false};
        const SimulatorStats stats = DemoSimulator().run(db(), stop, opts);
        QVERIFY2(!stats.error, qPrintable(stats.error.oneLine()));
        const QMap<QString, int> inserted{{QStringLiteral("market_data"), 30},
                                          {QStringLiteral("signals"), 2},
                                          {QStringLiteral("orders"), 2},
                                          {QStringLiteral("trades"), 2},
                                          {QStringLiteral("error_logs"), 2}};
        QCOMPARE(stats.inserted, inserted);
        const QMap<QString, int> updated{{QStringLiteral("orders"), 2},
                                         {QStringLiteral("positions"), int(openOnTraded)}};
        QCOMPARE(stats.updated, updated);
        QCOMPARE(stats.reads, 10 * 5);
        QCOMPARE(stats.busySkips, 0);
        QCOMPARE(stats.rowsWritten(), 38 + 2 + int(openOnTraded));
    }

    void simulatedOrdersEndFilledWithTheirTrade()
    {
        SimulatorOptions opts;
        opts.intervalMs = 0;
        opts.maxIterations = 3;
        opts.tradeEvery = 1;
        opts.errorEvery = 0;
        std::atomic_bool stop{false};
        QVERIFY(!DemoSimulator().run(db(), stop, opts).error);
        QCOMPARE(
            count(db(), QStringLiteral("orders"), QStringLiteral("client_order_id LIKE 'sim-%' AND status = 'FILLED'")),
            3);
        QCOMPARE(count(db(), QStringLiteral("orders o JOIN trades t ON t.order_id = o.id"),
                       QStringLiteral("o.client_order_id LIKE 'sim-%'")),
                 3);
        QCOMPARE(count(db(), QStringLiteral("pragma_foreign_key_check")), 0);
    }

    void rowsCarryTheCurrentTime()
    {
        const QString before = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        SimulatorOptions opts;
        opts.intervalMs = 0;
        opts.maxIterations = 2;
        std::atomic_bool stop{false};
        QVERIFY(!DemoSimulator().run(db(), stop, opts).error);
        const QString after = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        QCOMPARE(count(db(), QStringLiteral("market_data"),
                       QStringLiteral("timestamp >= '%1' AND timestamp <= '%2'").arg(before, after)),
                 2 * m_opts.symbols.size());
    }

    void holdsWriterLockWhileRunning()
    {
        SimulatorOptions opts;
        opts.intervalMs = 20;
        Runner runner(db(), opts);
        QTRY_COMPARE(fileContent(lock()), ownPid());
        QVERIFY(!runner.isFinished());
        runner.stop();
        QVERIFY(runner.wait(5000));
        QVERIFY2(!runner.stats().error, qPrintable(runner.stats().error.oneLine()));
        QVERIFY(runner.stats().iterations >= 1);
    }

    void removesLockWhenDone()
    {
        QVERIFY(QFile::exists(lock())); // the stale lock demo leaves
        SimulatorOptions opts;
        opts.intervalMs = 0;
        opts.maxIterations = 1;
        std::atomic_bool stop{false};
        QVERIFY(!DemoSimulator().run(db(), stop, opts).error);
        QVERIFY(!QFile::exists(lock()));
    }

    void takesOverStaleLock()
    {
        const qint64 stale = fileContent(lock()).trimmed().toLongLong();
        QVERIFY(stale > 0);
        SimulatorOptions opts;
        opts.intervalMs = 0;
        opts.maxIterations = 1;
        std::atomic_bool stop{false};
        const SimulatorStats stats = DemoSimulator().run(db(), stop, opts);
        QVERIFY2(!stats.error, qPrintable(stats.error.oneLine()));
        QCOMPARE(stats.staleLockPid, stale);
        QCOMPARE(stats.iterations, 1);
    }

    void refusesWhileLiveWriterHoldsLock()
    {
        QProcess writer;
        writer.start(QStringLiteral("sleep"), {QStringLiteral("30")});
        QVERIFY(writer.waitForStarted());
        const QByteArray pid = QByteArray::number(writer.processId());
        QFile f(lock());
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(pid);
        f.close();
        const qint64 rows = count(db(), QStringLiteral("market_data"));
        SimulatorOptions opts;
        opts.intervalMs = 0;
        opts.maxIterations = 3;
        std::atomic_bool stop{false};
        const SimulatorStats stats = DemoSimulator().run(db(), stop, opts);
        writer.kill();
        writer.waitForFinished();
        QCOMPARE(stats.error.code, ErrorCode::Refused);
        QVERIFY(stats.error.message.contains(QString::fromLatin1(pid)));
        QCOMPARE(stats.iterations, 0);
        QCOMPARE(count(db(), QStringLiteral("market_data")), rows);
        QCOMPARE(fileContent(lock()), pid); // someone else's lock is left alone
    }

    void stopsPromptlyWhenFlagSet()
    {
        const qint64 rows = count(db(), QStringLiteral("market_data"));
        SimulatorOptions opts;
        opts.intervalMs = 60000; // asleep for a minute after the first iteration
        Runner runner(db(), opts);
        QTRY_COMPARE(fileContent(lock()), ownPid());
        QTRY_COMPARE(count(db(), QStringLiteral("market_data")), rows + m_opts.symbols.size());
        QTest::qWait(50);
        QElapsedTimer timer;
        timer.start();
        runner.stop();
        QVERIFY(runner.wait(5000));
        QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(runner.stats().iterations, 1);
        QVERIFY(!runner.stats().error);
        QVERIFY(!QFile::exists(lock()));
    }

    void stopFlagSetBeforeStartRunsNothing()
    {
        const qint64 rows = count(db(), QStringLiteral("market_data"));
        std::atomic_bool stop{true};
        const SimulatorStats stats = DemoSimulator().run(db(), stop, {});
        QVERIFY(!stats.error);
        QCOMPARE(stats.iterations, 0);
        QCOMPARE(count(db(), QStringLiteral("market_data")), rows);
        QVERIFY(!QFile::exists(lock()));
    }

    void stopsAfterDuration()
    {
        SimulatorOptions opts;
        opts.intervalMs = 50;
        opts.durationMs = 300;
        std::atomic_bool stop{false};
        const SimulatorStats stats = DemoSimulator().run(db(), stop, opts);
        QVERIFY(!stats.error);
        QVERIFY2(stats.elapsedMs >= 300 && stats.elapsedMs < 3000, qPrintable(QString::number(stats.elapsedMs)));
        // Iterations start at 0, 50, .., 250 ms; on a loaded machine fewer fit.
        QVERIFY2(stats.iterations >= 1 && stats.iterations <= 6, qPrintable(QString::number(stats.iterations)));
    }

    void skipsWritesWhileAnotherWriterHoldsTheStore()
    {
        // Another connection holds the write lock for the whole run: every write is skipped after the busy
        // timeout, reads still run (WAL), and the run itself does not fail.
        const QString name = QStringLiteral("tst-demosimulator-blocker");
        {
            QSqlDatabase blocker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            blocker.setDatabaseName(db());
            QVERIFY(blocker.open());
            QSqlQuery q(blocker);
            QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
            const qint64 rows = count(db(), QStringLiteral("market_data"));
            SimulatorOptions opts;
            opts.intervalMs = 0;
            opts.maxIterations = 3;
            opts.tradeEvery = 0;
            opts.errorEvery = 0;
            opts.busyTimeoutMs = 20;
            std::atomic_bool stop{false};
            const SimulatorStats stats = DemoSimulator().run(db(), stop, opts);
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
            QVERIFY2(!stats.error, qPrintable(stats.error.oneLine()));
            QCOMPARE(stats.iterations, 3);
            QCOMPARE(stats.busySkips, 3);
            QCOMPARE(stats.reads, 15);
            QVERIFY(stats.inserted.isEmpty());
            QCOMPARE(count(db(), QStringLiteral("market_data")), rows);
            blocker.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    void missingStoreFailsWithoutLock()
    {
        const QString missing = m_tmp->filePath(QStringLiteral("nowhere/trading.db"));
        std::atomic_bool stop{false};
        const SimulatorStats stats = DemoSimulator().run(missing, stop, {});
        QCOMPARE(stats.error.code, ErrorCode::NotFound);
        QVERIFY(!QFile::exists(DemoSimulator::lockPathFor(missing)));
        QVERIFY(!QFile::exists(missing));
    }

    void refusesStoreWithoutBotTables()
    {
        const QString other = m_tmp->filePath(QStringLiteral("other.db"));
        QVERIFY(SqliteFixture::createTradingStore(other));
        std::atomic_bool stop{false};
        const SimulatorStats stats = DemoSimulator().run(other, stop, {});
        QCOMPARE(stats.error.code, ErrorCode::Usage);
        QVERIFY(stats.error.message.contains(QStringLiteral("market_data")));
        QVERIFY(!QFile::exists(DemoSimulator::lockPathFor(other)));
    }

    void resolvesTradingDb_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("expected");
        QTest::newRow("data dir") << QStringLiteral("demo") << QStringLiteral("demo/trading/trading.db");
        QTest::newRow("trading dir") << QStringLiteral("demo/trading") << QStringLiteral("demo/trading/trading.db");
        QTest::newRow("file") << QStringLiteral("demo/signals/signals.db") << QStringLiteral("demo/signals/signals.db");
    }
    void resolvesTradingDb()
    {
        QFETCH(QString, argument);
        QFETCH(QString, expected);
        const Expected<QString> path = DemoSimulator::resolveTradingDb(m_tmp->filePath(argument));
        QVERIFY2(path.ok(), qPrintable(path.error().oneLine()));
        QCOMPARE(path.value(), m_tmp->filePath(expected));
    }

    void resolveFailsForMissingOrEmpty()
    {
        QCOMPARE(DemoSimulator::resolveTradingDb(m_tmp->filePath(QStringLiteral("nope"))).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(DemoSimulator::resolveTradingDb(m_dir + QStringLiteral("/config")).error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestDemoSimulator)
#include "tst_demosimulator.moc"
