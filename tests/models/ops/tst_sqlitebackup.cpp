// SQLite backups: a consistent, durable snapshot while a bot keeps writing; nothing left behind on cancel;
// the VACUUM INTO fallback; the library check it depends on.
#include "connection/sqlitelibrary.h"
#include "demo/demosimulator.h"
#include "demo/demostore.h"
#include "ops/backupnaming.h"
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "ops/durablefile.h"
#include "ops/sqlitevacuumcopy.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestSqliteBackup : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_demo;
    QString tradingDb() const { return DemoStore::tradingDbPath(m_demo); }
    QString freshDir(const QString &name) const { return m_home.filePath(name); }
    static QStringList filesIn(const QString &dir)
    {
        return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        m_demo = m_home.filePath(QStringLiteral("demo"));
        QVERIFY(!DemoStore::create(m_demo));
    }

    void libraryCheckFindsQtAndDbopsOnTheSameSqlite()
    {
        const SqliteLibraryCheck check = SqliteLibraryCheck::run();
        QVERIFY2(!check.qtVersion.isEmpty(), qPrintable(check.note));
        QCOMPARE(check.qtVersion, check.linkedVersion);
        QVERIFY(check.agree);
    }

    void backupWritesFileAndManifestWithCounts()
    {
        const QString out = freshDir(QStringLiteral("plain"));
        auto r = BackupService::backup(Target::sqliteFile(tradingDb()), BackupRequest{out}, {});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().oneLine()));
        QVERIFY(QFileInfo(r->path).isFile());
        QCOMPARE(QFileInfo(r->path).size(), r->manifest.bytes);
        auto m = BackupManifest::read(r->manifestPath);
        QVERIFY(m);
        QCOMPARE(m->sha256, r->manifest.sha256);
        QCOMPARE(m->rowsOf(QStringLiteral("trades")),
                 SqliteFixture::scalar(tradingDb(), QStringLiteral("SELECT count(*) FROM trades")).toLongLong());
        QCOMPARE(m->migrationVersion, QStringLiteral("012"));
        QCOMPARE(filesIn(out).size(), 2); // the backup and its manifest, no temporary left
    }

    // A bot writing back to back; every backup taken meanwhile must pass integrity_check with counts that
    // match its manifest (the snapshot is one moment, not a mix of before and after).
    void snapshotUnderConcurrentWriterIsConsistent()
    {
        std::atomic_bool stop{false};
        SimulatorOptions options;
        options.intervalMs = 0;
        options.tradeEvery = 1;
        SimulatorStats stats;
        std::thread writer([&] { stats = DemoSimulator().run(tradingDb(), stop, options); });
        QTest::qWait(300);
        const QString out = freshDir(QStringLiteral("live"));
        QStringList failures;
        qint64 previousTrades = -1;
        bool sawWalFrames = false;
        for (int i = 0; i < 8; ++i) {
            auto r = BackupService::backup(Target::sqliteFile(tradingDb()), BackupRequest{out}, {});
            if (!r) {
                failures << r.error().oneLine();
                continue;
            }
            sawWalFrames = sawWalFrames || r->manifest.tools.value(QLatin1String("wal_frames")).toInt() > 0;
            VerifyOptions vo;
            vo.audit = false;
            auto report = BackupVerifier::verify(r->path, vo, {});
            if (!report || !report->verified())
                failures << (report ? report->problems.join(QStringLiteral("; ")) : report.error().oneLine());
            const qint64 trades = r->manifest.rowsOf(QStringLiteral("trades"));
            if (trades < previousTrades)
                failures << QStringLiteral("trades went back from %1 to %2").arg(previousTrades).arg(trades);
            previousTrades = trades;
            QTest::qWait(50);
        }
        stop = true;
        writer.join();
        QVERIFY2(!stats.error, qPrintable(stats.error.oneLine()));
        QVERIFY2(stats.rowsWritten() > 0, "the writer wrote nothing: the test proves nothing");
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QVERIFY2(sawWalFrames, "no backup had to take pages from the WAL");
    }

    void cancelLeavesNoFile()
    {
        const QString out = freshDir(QStringLiteral("cancel"));
        OpControl control;
        const CancelToken token = control.token;
        control.progress = [token](qint64, qint64, const QString &) { token.cancel(); };
        auto r = BackupService::backup(Target::sqliteFile(tradingDb()), BackupRequest{out}, control);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        QVERIFY2(filesIn(out).isEmpty(), qPrintable(filesIn(out).join(QLatin1Char(' '))));
    }

    void missingSourceFailsWithoutFile()
    {
        const QString out = freshDir(QStringLiteral("missing"));
        auto r = BackupService::backup(Target::sqliteFile(m_home.filePath(QStringLiteral("nope.db"))),
                                       BackupRequest{out}, {});
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::NotFound);
        QVERIFY(filesIn(out).isEmpty());
    }

    void vacuumFallbackGivesAnEquivalentBackup()
    {
        const QString out = freshDir(QStringLiteral("vacuum"));
        QDir().mkpath(out);
        DurableFile file;
        QVERIFY(!file.create(out + QStringLiteral("/copy.db")));
        auto info = SqliteVacuumCopy::copy(tradingDb(), file, {});
        QVERIFY2(info, qPrintable(info ? QString() : info.error().oneLine()));
        QVERIFY(!file.commit());
        QCOMPARE(info->bytes, QFileInfo(out + QStringLiteral("/copy.db")).size());
        QCOMPARE(SqliteFixture::scalar(out + QStringLiteral("/copy.db"), QStringLiteral("PRAGMA integrity_check"))
                     .toString(),
                 QStringLiteral("ok"));
        qint64 trades = -1;
        for (const TableRows &t : info->tables)
            if (t.name == QLatin1String("trades"))
                trades = t.rows;
        QCOMPARE(trades,
                 SqliteFixture::scalar(out + QStringLiteral("/copy.db"), QStringLiteral("SELECT count(*) FROM trades"))
                     .toLongLong());
        QCOMPARE(filesIn(out), QStringList{QStringLiteral("copy.db")});
    }

    void freshNameNeverReusesAName()
    {
        const QString dir = freshDir(QStringLiteral("names"));
        QDir().mkpath(dir);
        const QString a =
            BackupNaming::freshName(dir, QStringLiteral("x"), QStringLiteral(".db"), QStringLiteral("backup"));
        QFile f(a);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString b =
            BackupNaming::freshName(dir, QStringLiteral("x"), QStringLiteral(".db"), QStringLiteral("backup"));
        QVERIFY(a != b);
        QVERIFY(BackupNaming::freshName(dir, QStringLiteral("x"), QStringLiteral(".db"), QStringLiteral("safety"))
                    .contains(QLatin1String("-pre-restore-")));
    }
};

QTEST_GUILESS_MAIN(TestSqliteBackup)
#include "tst_sqlitebackup.moc"
