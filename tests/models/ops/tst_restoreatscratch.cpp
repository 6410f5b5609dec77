// restore --at's scratch folder (MomentScratch): a killed restore's folder — Litestream's copy of a whole store —
// is removed by the next restore --at into the same place (an older version's ".dbops-at-XXXXXX" too); a folder a
// running restore still uses never is.
#include "ops/momentscratch.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {
constexpr qint64 kGonePid = 4194303; // above any pid_max: no process has it

QStringList scratchFoldersIn(const QString &dir)
{
    return QDir(dir).entryList({MomentScratch::namePattern()}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
}

// Sets a file's or folder's times to 2001-01-01: before any process running now started.
bool backdate(const QString &path)
{
    const timespec times[2] = {{978307200, 0}, {978307200, 0}};
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) == 0;
}
} // namespace

class TestRestoreAtScratch : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    QString fresh()
    {
        const QString dir = m_tmp.filePath(QString::fromLatin1(QTest::currentTestFunction()));
        QDir().mkpath(dir);
        return dir;
    }
    // What a restore killed after Litestream wrote the store's state leaves: the folder and the copy in it.
    static QString leftover(const QString &dir, qint64 pid)
    {
        const QString folder = dir + QStringLiteral("/.dbops-at.partial-%1-0").arg(pid);
        if (!QDir().mkpath(folder) ||
            !SqliteFixture::createTradingStore(folder + QStringLiteral("/trading_20261204T115700Z.db"), 100))
            return {};
        return folder;
    }

    // What a restore --at of dbops before the partial names left when it was killed: QTemporaryDir's
    // ".dbops-at-XXXXXX" beside --to's file, with Litestream's copy in it.
    static QString oldLeftover(const QString &dir)
    {
        QTemporaryDir made(dir + QStringLiteral("/.dbops-at-XXXXXX"));
        made.setAutoRemove(false);
        if (!made.isValid() ||
            !SqliteFixture::createTradingStore(made.filePath(QStringLiteral("trading_20261204T115700Z.db")), 100))
            return {};
        return made.path();
    }

private Q_SLOTS:
    void theNextRestoreRemovesAKilledRestoresFolder()
    {
        const QString dir = fresh();
        const QString stale = leftover(dir, kGonePid);
        QVERIFY(!stale.isEmpty());
        MomentScratch scratch(dir);
        QVERIFY(scratch.isValid());
        QVERIFY(!QFileInfo::exists(stale));
        QCOMPARE(scratchFoldersIn(dir), QStringList{QFileInfo(scratch.path()).fileName()});
    }

    // A restore running in another process (another PID namespace, say) holds the lock on its folder.
    void aLockedFolderIsKept()
    {
        const QString dir = fresh();
        const QString busy = leftover(dir, kGonePid);
        QVERIFY(!busy.isEmpty());
        const int fd = ::open(QFile::encodeName(busy).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        QCOMPARE(::flock(fd, LOCK_EX | LOCK_NB), 0);
        MomentScratch scratch(dir);
        ::close(fd);
        QVERIFY(QFileInfo::exists(busy + QStringLiteral("/trading_20261204T115700Z.db")));
    }

    // This process's folders: the GUI keeps its plan's scratch (released) while the operator decides.
    void aLiveProcesssFoldersAreKept()
    {
        const QString dir = fresh();
        const QString own = leftover(dir, ::getpid());
        QVERIFY(!own.isEmpty());
        MomentScratch first(dir);
        const QString kept = first.path();
        first.release();
        MomentScratch second(dir);
        QVERIFY(QFileInfo::exists(own + QStringLiteral("/trading_20261204T115700Z.db")));
        QVERIFY(QFileInfo(kept).isDir());
        QCOMPARE(scratchFoldersIn(dir).size(), 3);
        QDir(kept).removeRecursively();
    }

    void itIsRemovedWhenTheRestoreEnds()
    {
        const QString dir = fresh();
        QString path;
        {
            MomentScratch scratch(dir);
            path = scratch.path();
            QVERIFY(QFileInfo(path).isDir());
        }
        QVERIFY(!QFileInfo::exists(path));
    }

    void theNextRestoreRemovesAnOlderVersionsFolder()
    {
        const QString dir = fresh();
        const QString old = oldLeftover(dir);
        QVERIFY(!old.isEmpty());
        QVERIFY(backdate(old)); // left by a restore no process running now could be
        MomentScratch scratch(dir);
        QVERIFY(scratch.isValid());
        QVERIFY(!QFileInfo::exists(old));
    }

    // Only QTemporaryDir's exact name, and only folders: the folder beside --to's file is the operator's.
    void namesLikeAnOlderVersionsAreKept_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("folder");
        QTest::newRow("a file of that name") << QStringLiteral(".dbops-at-Ab3dE9") << false;
        QTest::newRow("five characters") << QStringLiteral(".dbops-at-Ab3dE") << true;
        QTest::newRow("seven characters") << QStringLiteral(".dbops-at-Ab3dE9x") << true;
        QTest::newRow("a dot among the six") << QStringLiteral(".dbops-at-Ab.dE9") << true;
        QTest::newRow("not hidden") << QStringLiteral("dbops-at-Ab3dE9") << true;
    }
    void namesLikeAnOlderVersionsAreKept()
    {
        QFETCH(QString, name);
        QFETCH(bool, folder);
        const QString dir = fresh();
        const QString path = QDir(dir).filePath(name);
        QVERIFY(folder ? QDir().mkdir(path) : QFile(path).open(QIODevice::WriteOnly));
        QVERIFY(backdate(path));
        MomentScratch scratch(dir);
        QVERIFY(scratch.isValid());
        QVERIFY(QFileInfo::exists(path));
    }

    // A live dbops program of another binary (an older version, say) that started before the folder last changed
    // may be the restore still writing it.
    void anOlderVersionsFolderIsKeptWhileAnOlderDbopsRuns()
    {
        const QString dir = fresh();
        const QString olderDbops = dir + QStringLiteral("/dbops-older");
        QVERIFY(QFile::copy(QStandardPaths::findExecutable(QStringLiteral("sleep")), olderDbops));
        QProcess running;
        running.start(olderDbops, {QStringLiteral("60")});
        QVERIFY(running.waitForStarted());
        const QString old = oldLeftover(dir);
        QVERIFY(!old.isEmpty());
        MomentScratch scratch(dir);
        running.kill();
        running.waitForFinished();
        QVERIFY(QFileInfo::exists(old + QStringLiteral("/trading_20261204T115700Z.db")));
    }

    void pruneSweepsThemFromABackupFolderToo()
    {
        const QString dir = fresh();
        QVERIFY(!leftover(dir, kGonePid).isEmpty());
        QCOMPARE(PartialFiles::removeStale(dir).size(), 1);
        QVERIFY(scratchFoldersIn(dir).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRestoreAtScratch)
#include "tst_restoreatscratch.moc"
