// Leftovers of interrupted writes in a backup folder: which names are partials, whose they are, and which
// are stale (the writer is gone) — never one this process or a lock holder may still be writing.
#include "ops/partialfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/file.h>
#include <unistd.h>

using namespace dbops;

namespace {
constexpr qint64 kGonePid = 4194303;

bool touch(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write("x", 1) == 1;
}
} // namespace

class TestPartialFiles : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString fresh(const char *name)
    {
        const QString dir = m_dir.filePath(QString::fromLatin1(name));
        QDir().mkpath(dir);
        return dir;
    }

private Q_SLOTS:
    void pidOfReadsPartialNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("pid");
        QTest::newRow("backup file") << QStringLiteral(".trading-20260101-000000Z.db.partial-1234-0") << qint64(1234);
        QTest::newRow("manifest") << QStringLiteral(".x.db.manifest.json.partial-77-12") << qint64(77);
        QTest::newRow("staging folder") << QStringLiteral(".bot-20260101-000000Z.partial-4321") << qint64(4321);
        QTest::newRow("a backup") << QStringLiteral("trading-20260101-000000Z.db") << qint64(-1);
        QTest::newRow("not hidden") << QStringLiteral("x.db.partial-12-0") << qint64(-1);
        QTest::newRow("no number") << QStringLiteral(".x.db.partial-abc-0") << qint64(-1);
        QTest::newRow("extra part") << QStringLiteral(".x.db.partial-12-0-1") << qint64(-1);
    }

    void pidOfReadsPartialNames()
    {
        QFETCH(QString, name);
        QFETCH(qint64, pid);
        QCOMPARE(PartialFiles::pidOf(name), pid);
    }

    void staleListsOnlyPartialsOfGoneWriters()
    {
        const QString dir = fresh("gone");
        const QString gone = dir + QStringLiteral("/.a.db.partial-%1-0").arg(kGonePid);
        QVERIFY(touch(gone));
        QVERIFY(touch(dir + QStringLiteral("/a.db")));
        const QList<PartialFile> stale = PartialFiles::stale(dir);
        QCOMPARE(stale.size(), 1);
        QCOMPARE(stale.first().path, gone);
        QCOMPARE(stale.first().pid, kGonePid);
    }

    // This process may be writing it now (the GUI runs several jobs): never stale, lock or no lock.
    void ownPartialsAreNeverStale()
    {
        const QString dir = fresh("own");
        QVERIFY(touch(dir + QStringLiteral("/.a.db.partial-%1-0").arg(::getpid())));
        QVERIFY(PartialFiles::stale(dir).isEmpty());
    }

    void lockedPartialIsNotStale()
    {
        const QString dir = fresh("locked");
        QFile held(dir + QStringLiteral("/.a.db.partial-%1-0").arg(kGonePid));
        QVERIFY(held.open(QIODevice::WriteOnly));
        QCOMPARE(::flock(held.handle(), LOCK_EX | LOCK_NB), 0);
        QVERIFY(PartialFiles::stale(dir).isEmpty());
    }

    void removeStaleRemovesFoldersToo()
    {
        const QString dir = fresh("folders");
        const QString staging = dir + QStringLiteral("/.bot-20260101-000000Z.partial-%1").arg(kGonePid);
        QVERIFY(QDir().mkpath(staging + QStringLiteral("/trading")));
        QVERIFY(touch(staging + QStringLiteral("/trading/trading.db")));
        const QList<PartialFile> removed = PartialFiles::removeStale(dir);
        QCOMPARE(removed.size(), 1);
        QVERIFY(removed.first().folder);
        QVERIFY(!QFileInfo::exists(staging));
    }
};

QTEST_GUILESS_MAIN(TestPartialFiles)
#include "tst_partialfiles.moc"
