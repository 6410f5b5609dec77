// Data directory backups: every SQLite store in one job; a DuckDB file is copied only when no live writer
// holds it, else skipped with the reason; the result verifies as a whole.
#include "demo/demostore.h"
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "ops/datadirbackup.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace dbops;

namespace {
// A child process holding an fcntl write lock on `path` (what DuckDB's writer does), until killed.
pid_t lockInChild(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    int ready[2];
    if (pipe(ready) != 0)
        return -1;
    const pid_t pid = fork();
    if (pid == 0) {
        const int fd = ::open(name.constData(), O_RDWR);
        struct flock lock {};
        lock.l_type = F_WRLCK;
        lock.l_whence = SEEK_SET;
        const char ok = (fd >= 0 && fcntl(fd, F_SETLK, &lock) == 0) ? '1' : '0';
        (void)!write(ready[1], &ok, 1);
        for (;;)
            pause();
    }
    char ok = '0';
    (void)!read(ready[0], &ok, 1);
    ::close(ready[0]);
    ::close(ready[1]);
    return ok == '1' ? pid : -1;
}
} // namespace

class TestDataDirBackup : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_demo;
    QString duckdb() const { return m_demo + QStringLiteral("/market_data/candles_2026-01-01.duckdb"); }
    QStringList memberPaths(const BackupResult &r) const
    {
        QStringList list;
        for (const BackupResult &m : r.members)
            list << QDir(r.path).relativeFilePath(m.path);
        list.sort();
        return list;
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

    void copiesEveryStoreAndAnUnlockedDuckDb()
    {
        auto r =
            BackupService::backup(Target::dataDir(m_demo), BackupRequest{m_home.filePath(QStringLiteral("all"))}, {});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().oneLine()));
        QCOMPARE(
            memberPaths(r.value()),
            (QStringList{QStringLiteral("config/config.db"), QStringLiteral("market_data/candles_2026-01-01.duckdb"),
                         QStringLiteral("signals/signals.db"), QStringLiteral("trading/trading.db")}));
        QVERIFY(r->skipped.isEmpty());
        QVERIFY(QFileInfo(r->manifestPath).isFile());
        QCOMPARE(r->manifest.engine, QStringLiteral("datadir"));
        for (const BackupResult &m : r->members)
            QVERIFY2(QFileInfo(m.path).isFile() && QFileInfo(m.manifestPath).isFile(), qPrintable(m.path));
        QVERIFY(!QDir(m_demo).exists(QStringLiteral("backups/demo"))); // nothing written into the source
        auto report = BackupVerifier::verify(r->path, {}, {});
        QVERIFY(report);
        QVERIFY2(report->verified(), qPrintable(report->problems.join(QStringLiteral("; "))));
    }

    void skipsDuckDbHeldByALiveWriter()
    {
        const pid_t holder = lockInChild(duckdb());
        QVERIFY(holder > 0);
        QCOMPARE(DataDirBackup::lockHolders(duckdb()), QList<qint64>{qint64(holder)});
        auto r = BackupService::backup(Target::dataDir(m_demo),
                                       BackupRequest{m_home.filePath(QStringLiteral("locked"))}, {});
        kill(holder, SIGKILL);
        waitpid(holder, nullptr, 0);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().oneLine()));
        QVERIFY(!memberPaths(r.value()).contains(QStringLiteral("market_data/candles_2026-01-01.duckdb")));
        QCOMPARE(r->skipped.size(), 1);
        QVERIFY2(r->skipped.first().contains(QStringLiteral("PID %1").arg(holder)), qPrintable(r->skipped.first()));
        QCOMPARE(r->manifest.skipped, r->skipped);
        QVERIFY(DataDirBackup::lockHolders(duckdb()).isEmpty());
    }

    void skipsDuckDbWhoseLockFileNamesALiveProcess()
    {
        const QString lock = m_demo + QStringLiteral("/market_data/.writer.lock");
        QFile f(lock);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::number(qint64(getpid())));
        f.close();
        const QString why = DataDirBackup::writerBusyReason(duckdb());
        QFile::remove(lock);
        QVERIFY2(why.contains(QStringLiteral(".writer.lock")), qPrintable(why));
        QVERIFY(DataDirBackup::writerBusyReason(duckdb()).isEmpty());
    }

    void cancelLeavesNothing()
    {
        const QString out = m_home.filePath(QStringLiteral("cancel"));
        OpControl control;
        const CancelToken token = control.token;
        control.progress = [token](qint64, qint64, const QString &) { token.cancel(); };
        auto r = BackupService::backup(Target::dataDir(m_demo), BackupRequest{out}, control);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        QVERIFY(QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDataDirBackup)
#include "tst_datadirbackup.moc"
