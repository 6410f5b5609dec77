// Backups under faults, on real files: the disk filling up during a backup (a small tmpfs), and a bot writing
// at 200 transactions per second while backups are taken back to back (every copy must verify).
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <sys/mount.h>
#include <thread>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

QStringList everythingIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

// A store of about `mib` MiB: the trading tables plus incompressible blobs.
bool createStoreOf(const QString &path, int mib)
{
    return SqliteFixture::createTradingStore(path, 100, true) &&
           SqliteFixture::create(path,
                                 {QStringLiteral("CREATE TABLE blobs (id INTEGER PRIMARY KEY, payload BLOB)"),
                                  QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                                 "WHERE x < %1) INSERT INTO blobs SELECT x, randomblob(1000) FROM c")
                                      .arg(mib * 1024)},
                                 true);
}

// A bot committing `perSecond` transactions a second (a trade and its order each) on its own connection
// until stopped; paced against the clock, so a slow commit is caught up rather than lost.
struct PacedWriter {
    std::atomic_bool stop{false};
    std::atomic<int> committed{0};
    QString error;

    void run(const QString &path, int perSecond)
    {
        const QString name = QStringLiteral("paced-writer");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            if (!db.open()) {
                error = db.lastError().text();
                return;
            }
            QSqlQuery q(db);
            // As bots run WAL stores: commits reach the WAL without an fsync each (durable at checkpoints).
            q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
            QElapsedTimer clock;
            clock.start();
            while (!stop) {
                const qint64 due = qint64(committed) * 1000 / perSecond;
                if (clock.elapsed() < due) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    continue;
                }
                const int n = committed + 1;
                if (!db.transaction() ||
                    !q.exec(QStringLiteral("INSERT INTO trades (symbol, price, created_at) VALUES ('W', %1, "
                                           "strftime('%Y-%m-%dT%H:%M:%fZ','now'))")
                                .arg(n)) ||
                    !q.exec(QStringLiteral("INSERT INTO orders (trade_id, status) VALUES (last_insert_rowid(), "
                                           "'FILLED')")) ||
                    !db.commit()) {
                    error = q.lastError().text() + db.lastError().text();
                    return;
                }
                ++committed;
            }
        }
        QSqlDatabase::removeDatabase(name);
    }
};

} // namespace

class TestBackupFaults : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_tiny; // the tmpfs mount point, once mounted

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
    }

    void cleanupTestCase()
    {
        if (!m_tiny.isEmpty())
            ::umount2(QFile::encodeName(m_tiny).constData(), MNT_DETACH);
    }

    // The backup folder is a 2 MiB tmpfs and the store is 6 MiB: the copy runs out of space part way.
    // The error says so and names the folder; neither the final name nor a temporary file is left.
    void diskFullLeavesNothing_data()
    {
        QTest::addColumn<bool>("dataDir");
        QTest::newRow("sqlite file") << false;
        QTest::newRow("data directory") << true;
    }
    void diskFullLeavesNothing()
    {
        QFETCH(bool, dataDir);
        if (m_tiny.isEmpty()) {
            const QString point = m_home.filePath(QStringLiteral("tiny"));
            QVERIFY(QDir().mkpath(point));
            if (::mount("tmpfs", QFile::encodeName(point).constData(), "tmpfs", MS_NOSUID | MS_NODEV, "size=2m") != 0)
                QSKIP(qPrintable(QStringLiteral("cannot mount a 2 MiB tmpfs to fill (%1: needs root or "
                                                "CAP_SYS_ADMIN); tst_cli_backup's fileSizeLimit test covers the "
                                                "same path without root")
                                     .arg(QString::fromLocal8Bit(strerror(errno)))));
            m_tiny = point;
        }
        const QString data = m_home.filePath(QStringLiteral("store"));
        const QString store = data + QStringLiteral("/trading/trading.db");
        if (!QFileInfo::exists(store)) {
            QVERIFY(QDir().mkpath(QFileInfo(store).absolutePath()));
            QVERIFY(createStoreOf(store, 6));
        }
        const Target target = dataDir ? Target::dataDir(data) : Target::sqliteFile(store);
        BackupRequest request;
        request.outDir = m_tiny;
        auto r = BackupService::backup(target, request, {});
        QVERIFY2(!r, "a 6 MiB backup fitted into a 2 MiB tmpfs");
        QCOMPARE(r.error().code, ErrorCode::Io);
        QVERIFY2(r.error().message.contains(QStringLiteral("no space left in %1").arg(m_tiny)),
                 qPrintable(r.error().oneLine()));
        QCOMPARE(exitCodeFor(r.error()), 2);
        QVERIFY2(everythingIn(m_tiny).isEmpty(), qPrintable(everythingIn(m_tiny).join(QLatin1Char(' '))));

        // Space again: the same backup succeeds and verifies (nothing stale in the way).
        request.outDir = m_home.filePath(QStringLiteral("roomy"));
        auto ok = BackupService::backup(target, request, {});
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().oneLine()));
        auto verified = BackupVerifier::verify(ok->path, VerifyOptions{}, {});
        QVERIFY(verified && verified->verified());
    }

    // A bot committing 200 tx/s: 20 backups taken back to back must each pass verification (checksum,
    // integrity_check, row counts equal to the manifest), and each sees at least the trades of the one before.
    void twentyOfTwentyBackupsVerifyUnder200TxPerSecond()
    {
        const QString store = m_home.filePath(QStringLiteral("live/trading.db"));
        QVERIFY(QDir().mkpath(QFileInfo(store).absolutePath()));
        QVERIFY(createStoreOf(store, 2));
        PacedWriter writer;
        std::thread thread([&] { writer.run(store, 200); });
        QElapsedTimer clock;
        clock.start();
        QTest::qWait(300);
        const int startCount = writer.committed;

        const QString out = m_home.filePath(QStringLiteral("live-backups"));
        QStringList failures;
        qint64 previous = -1;
        int verified = 0;
        bool sawWal = false;
        for (int i = 0; i < 20; ++i) {
            auto r = BackupService::backup(Target::sqliteFile(store), BackupRequest{out}, {});
            if (!r) {
                failures << QStringLiteral("backup %1: %2").arg(i + 1).arg(r.error().oneLine());
                continue;
            }
            sawWal = sawWal || r->manifest.tools.value(QLatin1String("wal_frames")).toInt() > 0;
            VerifyOptions vo;
            vo.audit = false;
            auto report = BackupVerifier::verify(r->path, vo, {});
            if (!report || !report->verified())
                failures << QStringLiteral("backup %1: %2")
                                .arg(i + 1)
                                .arg(report ? report->problems.join(QStringLiteral("; ")) : report.error().oneLine());
            else
                ++verified;
            const qint64 trades = r->manifest.rowsOf(QStringLiteral("trades"));
            if (r->manifest.rowsOf(QStringLiteral("orders")) != trades - 100)
                failures << QStringLiteral("backup %1 has %2 trades but %3 orders: not one moment")
                                .arg(i + 1)
                                .arg(trades)
                                .arg(r->manifest.rowsOf(QStringLiteral("orders")));
            if (trades < previous)
                failures
                    << QStringLiteral("backup %1 went back from %2 to %3 trades").arg(i + 1).arg(previous).arg(trades);
            previous = trades;
        }
        const double seconds = clock.elapsed() / 1000.0;
        const int written = writer.committed - startCount;
        writer.stop = true;
        thread.join();
        QVERIFY2(writer.error.isEmpty(), qPrintable(writer.error));
        qInfo("20 backups in %.1f s while the writer committed %d transactions (%.0f tx/s); %d of 20 verified", seconds,
              int(writer.committed), writer.committed / seconds, verified);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(verified, 20);
        // The test proves something only if the writer really kept its pace while the backups ran.
        QVERIFY2(writer.committed / seconds >= 150,
                 qPrintable(QStringLiteral("the writer managed only %1 tx/s").arg(writer.committed / seconds)));
        QVERIFY(written > 0);
        QVERIFY2(sawWal, "no backup had to take pages from the WAL");
        QVERIFY(previous > 100);
    }
};

QTEST_GUILESS_MAIN(TestBackupFaults)
#include "tst_backupfaults.moc"
