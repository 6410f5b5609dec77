// Recovering moments from `dbops protect`'s replica, with the real Litestream: killed with SIGKILL in the middle
// of a busy stretch, its Litestream child does not live on as an orphan, and after a restart every moment of the
// interrupted stretch restores (`restore --at T --to NEW --yes`) with every row committed at least 1 s before T
// and none committed after T; a moment after the replica's last change restores its newest state.
#include "clirunner.h"
#include "ops/litestream.h"
#include "protectharness.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <csignal>
#include <thread>

using namespace dbops;
using dbops::test::CliResult;
using dbops::test::CliRunner;
using dbops::test::ProtectHarness;
using dbops::test::SqliteFixture;

namespace {

constexpr int kWaitMs = ProtectHarness::kWaitMs;
constexpr int kOrphanWaitMs = 30000; // Litestream's default checkpoint interval is a minute
constexpr int kBusyMs = 4000;        // writing before the kill, and again after the restart

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

// /proc/PID/stat: "pid (comm) state ppid …"; the fields after the command's closing parenthesis.
QList<QByteArray> statFields(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = f.readAll();
    return stat.mid(stat.lastIndexOf(')') + 2).split(' ');
}

QList<qint64> childrenOf(qint64 parent)
{
    QList<qint64> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool number = false;
        const qint64 pid = entry.toLongLong(&number);
        const QList<QByteArray> f = number ? statFields(pid) : QList<QByteArray>();
        if (f.size() > 1 && f.at(1).toLongLong() == parent)
            children << pid;
    }
    return children;
}

bool running(qint64 pid)
{
    const QList<QByteArray> f = statFields(pid);
    return !f.isEmpty() && f.at(0) != "Z"; // a zombie has ended; only its parent's wait is missing
}

// The ids of the writer's rows in a store.
QSet<qint64> faultRows(const QString &store)
{
    QSet<qint64> ids;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), store);
        db.setDatabaseName(store);
        if (db.open()) {
            QSqlQuery q(QStringLiteral("SELECT id FROM trades WHERE symbol = 'FAULT'"), db);
            while (q.next())
                ids << q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(store);
    return ids;
}

struct Commit {
    qint64 id = 0;
    qint64 startMs = 0; // before the INSERT (autocommit)
    qint64 endMs = 0;   // once it returned: committed
};

// A bot on its own thread and connection: one trade every 50 ms, each commit's id and times kept.
class TimedWriter {
public:
    explicit TimedWriter(const QString &store) : m_store(store) {}
    ~TimedWriter() { stop(); }
    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    QList<Commit> commits() const
    {
        QMutexLocker lock(&m_mutex);
        return m_commits;
    }
    bool failed() const { return m_failed; }

private:
    void run()
    {
        const QString name = QStringLiteral("timed-writer");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_store);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
            m_failed = !db.open();
            QSqlQuery q(db);
            for (int i = 0; !m_stop && !m_failed; ++i) {
                Commit c;
                c.startMs = nowMs();
                m_failed = !q.exec(QStringLiteral("INSERT INTO trades (symbol, price, created_at) VALUES ('FAULT', "
                                                  "%1, datetime('now'))")
                                       .arg(i));
                c.endMs = nowMs();
                c.id = q.lastInsertId().toLongLong();
                QMutexLocker lock(&m_mutex);
                m_commits << c;
                lock.unlock();
                QThread::msleep(50);
            }
        }
        QSqlDatabase::removeDatabase(name);
    }

    QString m_store;
    std::thread m_thread;
    std::atomic_bool m_stop{false};
    std::atomic_bool m_failed{false};
    mutable QMutex m_mutex;
    QList<Commit> m_commits;
};

} // namespace

class TestCliProtectRecovery : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home;
    ProtectHarness m_protect{m_home.path()};
    const QProcessEnvironment m_env = m_protect.env();

    void startProtect(QProcess &protect, const QString &store, const QString &replica)
    {
        const QString started = m_protect.start(protect, store, replica);
        QVERIFY2(started.isEmpty(), qPrintable(started));
    }
    bool replicaReaches(const QString &store, const QString &replica, const QDateTime &moment)
    {
        return m_protect.reaches(store, replica, moment);
    }

    CliResult restoreAt(const QString &store, const QString &replica, const QString &at, const QString &out)
    {
        return CliRunner::run({QStringLiteral("restore"), QStringLiteral("--at"), at, QStringLiteral("--db"), store,
                               QStringLiteral("--replica"), replica, QStringLiteral("--to"), out,
                               QStringLiteral("--yes"), QStringLiteral("--json")},
                              m_env);
    }

    // What `restore --at T` gives wrong for `commits`: rows committed after T present, rows committed >= 1 s before
    // T missing (empty: nothing).
    QString restoreAtErrors(const QString &store, const QString &replica, qint64 atMs, const QList<Commit> &commits,
                            const QString &out)
    {
        const QString at = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC).toString(Qt::ISODateWithMs);
        const CliResult r = restoreAt(store, replica, at, out);
        if (r.exitCode != 0 || r.json().value(QLatin1String("source")).toString() != QLatin1String("replica"))
            return QStringLiteral("at %1: exit %2: %3").arg(at).arg(r.exitCode).arg(QString::fromUtf8(r.err));
        const QSet<qint64> present = faultRows(out);
        QStringList wrong;
        for (const Commit &c : commits) {
            if (c.startMs > atMs && present.contains(c.id))
                wrong << QStringLiteral("row %1 committed after it is there").arg(c.id);
            if (c.endMs <= atMs - 1000 && !present.contains(c.id))
                wrong << QStringLiteral("row %1 committed %2 ms before it is missing").arg(c.id).arg(atMs - c.endMs);
        }
        return wrong.isEmpty() ? QString() : QStringLiteral("at %1: %2").arg(at, wrong.join(QStringLiteral(", ")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY2(m_protect.error().isEmpty(), qPrintable(m_protect.error())); // fails, never skips
    }

    void killedProtectLeavesNoLitestreamRunning()
    {
        const QString store = m_home.filePath(QStringLiteral("orphan/trading.db"));
        QVERIFY(QDir().mkpath(QFileInfo(store).path()));
        QVERIFY(SqliteFixture::createTradingStore(store, 10));
        const QString replica = m_home.filePath(QStringLiteral("orphan-replica"));
        QProcess protect;
        startProtect(protect, store, replica);
        // Litestream done with its start (it logs no more while nothing is written)
        QVERIFY(replicaReaches(store, replica, QDateTime::currentDateTimeUtc().addSecs(-1)));
        const QList<qint64> children = childrenOf(protect.processId());
        QCOMPARE(children.size(), 1);
        const qint64 litestream = children.first();
        ::kill(pid_t(protect.processId()), SIGKILL);
        QVERIFY(protect.waitForFinished(kWaitMs));
        // Nobody writes to the store now: an orphan logs nothing until its checkpoint a minute later, and only then
        // does the broken pipe (its stderr was dbops's) end it. Tied to dbops, it ends at once; half that minute
        // tells the two apart on any machine.
        QElapsedTimer waited;
        waited.start();
        while (running(litestream) && waited.elapsed() < kOrphanWaitMs)
            QThread::msleep(100);
        const bool orphan = running(litestream);
        if (orphan)
            ::kill(pid_t(litestream), SIGKILL);
        QVERIFY2(!orphan,
                 qPrintable(
                     QStringLiteral("litestream (pid %1) still runs after dbops protect was killed").arg(litestream)));
    }

    void everyMomentOfAnInterruptedStretchRestores()
    {
        const QString store = m_home.filePath(QStringLiteral("fault/trading.db"));
        const QString replica = m_home.filePath(QStringLiteral("fault-replica"));
        QVERIFY(QDir().mkpath(QFileInfo(store).path()));
        QVERIFY(SqliteFixture::createTradingStore(store, 10));
        QProcess first;
        startProtect(first, store, replica);
        QVERIFY(replicaReaches(store, replica, QDateTime::currentDateTimeUtc().addSecs(-1)));
        TimedWriter bot(store);
        bot.start();
        QThread::msleep(kBusyMs);
        ::kill(pid_t(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished(kWaitMs));
        const qint64 killedMs = nowMs();
        QProcess second;
        startProtect(second, store, replica);
        const qint64 restartedMs = nowMs();
        QThread::msleep(kBusyMs);
        bot.stop();
        QVERIFY(!bot.failed());
        const QList<Commit> commits = bot.commits();
        QVERIFY(replicaReaches(store, replica, QDateTime::fromMSecsSinceEpoch(commits.last().endMs, Qt::UTC)));
        const QString stopped = ProtectHarness::stop(second);
        QVERIFY2(stopped.isEmpty(), qPrintable(stopped));

        // Before the kill, while dbops was down, just after the restart, and at the end.
        const QList<qint64> moments{killedMs - 2500, killedMs - 1000, killedMs + 300, restartedMs + 2000,
                                    commits.last().endMs};
        QStringList errors;
        for (int i = 0; i < moments.size(); ++i) {
            const QString e = restoreAtErrors(store, replica, moments.at(i), commits,
                                              m_home.filePath(QStringLiteral("fault-at-%1.db").arg(i)));
            if (!e.isEmpty())
                errors << e;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n')).left(3000)));
    }

    void aMomentAfterTheLastChangeRestoresTheNewestState_data()
    {
        QTest::addColumn<int>("afterMs");
        QTest::newRow("within the last change's second") << 150;
        QTest::newRow("seconds later, nothing written since") << 2500;
    }

    void aMomentAfterTheLastChangeRestoresTheNewestState()
    {
        QFETCH(int, afterMs);
        const QString tag = QStringLiteral("idle-%1").arg(afterMs);
        const QString store = m_home.filePath(tag + QStringLiteral("/trading.db"));
        const QString replica = m_home.filePath(tag + QStringLiteral("-replica"));
        QVERIFY(QDir().mkpath(QFileInfo(store).path()));
        QVERIFY(SqliteFixture::createTradingStore(store, 10));
        QProcess protect;
        startProtect(protect, store, replica);
        TimedWriter bot(store);
        bot.start();
        QThread::msleep(1000);
        bot.stop();
        const QList<Commit> commits = bot.commits();
        QVERIFY(!bot.failed() && !commits.isEmpty());
        QVERIFY(replicaReaches(store, replica, QDateTime::fromMSecsSinceEpoch(commits.last().endMs, Qt::UTC)));
        const QString stopped = ProtectHarness::stop(protect);
        QVERIFY2(stopped.isEmpty(), qPrintable(stopped));
        // The replica's last change is its newest WAL segment (Litestream's file replica dates each by its mtime).
        QDateTime lastChange;
        QDirIterator it(Litestream::replicaPathFor(replica, store), {QStringLiteral("*.wal.lz4")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QDateTime m = QFileInfo(it.next()).lastModified().toUTC();
            lastChange = std::max(lastChange.isValid() ? lastChange : m, m);
        }
        QVERIFY(lastChange.isValid());
        const QString at = lastChange.addMSecs(afterMs).toString(Qt::ISODateWithMs);
        const QString out = m_home.filePath(tag + QStringLiteral("-at.db"));
        const CliResult r = restoreAt(store, replica, at, out);
        QVERIFY2(r.exitCode == 0, qPrintable(at + QLatin1Char(' ') + QString::fromUtf8(r.err + r.out).left(2000)));
        QCOMPARE(r.json().value(QLatin1String("source")).toString(), QStringLiteral("replica"));
        QCOMPARE(faultRows(out).size(), commits.size()); // every row: all were shipped before the moment
    }
};

QTEST_GUILESS_MAIN(TestCliProtectRecovery)
#include "tst_cli_protectrecovery.moc"
