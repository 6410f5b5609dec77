// Lock files: a stale one (its PID gone) is removed and audited; a live one (this process's PID) is never
// touched, even when asked for by path; a lock whose PID changed since the scan is left alone.
#include "connection/storediscovery.h"
#include "heldlock.h"
#include "maintenance/stalelocks.h"

#include <memory>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace dbops;
using dbops::test::HeldLock;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

} // namespace

class TestStaleLocks : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_data;
    qint64 m_dead = 0;
    std::unique_ptr<HeldLock> m_live;
    AuditLog audit() const { return AuditLog(m_dir.filePath(QStringLiteral("audit.db"))); }

private Q_SLOTS:
    void init()
    {
        m_data = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()));
        QVERIFY(QDir().mkpath(m_data + QStringLiteral("/trading")));
        QProcess p;
        p.start(QStringLiteral("true"));
        QVERIFY(p.waitForFinished());
        m_dead = p.processId();
        if (m_dead <= 0 || StoreDiscovery::isPidAlive(m_dead))
            m_dead = 4194303; // above the default pid_max of small systems; checked below
        QVERIFY(!StoreDiscovery::isPidAlive(m_dead));
        writeFile(m_data + QStringLiteral("/trading/.writer.lock"), QByteArray::number(m_dead));
        m_live = std::make_unique<HeldLock>(m_data + QStringLiteral("/.writer.lock")); // the running bot's
        QVERIFY(m_live->ok());
    }
    void cleanup() { m_live.reset(); }

    void scanTellsStaleFromAlive()
    {
        auto scan = StaleLocks::scan(m_data);
        QVERIFY(scan);
        QCOMPARE(scan->locks.size(), 2);
        QCOMPARE(scan->staleCount(), 1);
        for (const LockFileInfo &l : scan->locks)
            QCOMPARE(l.stateName(), l.pid == ::getpid() ? QStringLiteral("alive") : QStringLiteral("stale"));
    }

    void staleLockIsRemovedAndLiveLockUntouched()
    {
        auto scan = StaleLocks::scan(m_data);
        QVERIFY(scan);
        const QList<LockRemoval> removals = StaleLocks::removeStale(scan.value(), {}, audit());
        QCOMPARE(removals.size(), 1);
        QVERIFY2(!removals.first().error, qPrintable(removals.first().error.oneLine()));
        QVERIFY(!QFile::exists(m_data + QStringLiteral("/trading/.writer.lock")));
        QVERIFY(QFile::exists(m_data + QStringLiteral("/.writer.lock")));
        auto records = audit().recent(1);
        QVERIFY(records && !records->isEmpty());
        QCOMPARE(records->first().action, QStringLiteral("remove-lock"));
        QCOMPARE(records->first().outcome, QStringLiteral("ok"));
    }

    void liveLockIsRefusedEvenWhenAskedByName()
    {
        const QString live = m_data + QStringLiteral("/.writer.lock");
        const Error e = StaleLocks::removeIfStale(live, ::getpid());
        QCOMPARE(e.code, ErrorCode::Refused);
        QVERIFY(QFile::exists(live));
    }

    void lockTakenOverSinceTheScanIsLeftAlone()
    {
        auto scan = StaleLocks::scan(m_data);
        QVERIFY(scan);
        // The bot starts again and takes the lock (its PID inside) between the scan and the removal.
        const QString lock = m_data + QStringLiteral("/trading/.writer.lock");
        HeldLock restarted(lock);
        QVERIFY(restarted.ok());
        const QList<LockRemoval> removals = StaleLocks::removeStale(scan.value(), {}, audit());
        QCOMPARE(removals.size(), 1);
        QCOMPARE(removals.first().error.code, ErrorCode::Refused);
        QVERIFY(QFile::exists(lock));
        QCOMPARE(audit().recent(1)->first().outcome, QStringLiteral("refused"));
    }

    void unreadableLockIsNeverRemoved()
    {
        const QString odd = m_data + QStringLiteral("/odd.lock");
        writeFile(odd, "held by someone");
        auto scan = StaleLocks::scan(m_data);
        QVERIFY(scan);
        StaleLocks::removeStale(scan.value(), {}, audit());
        QVERIFY(QFile::exists(odd));
        QCOMPARE(StaleLocks::removeIfStale(odd, 0).code, ErrorCode::Refused);
    }

    void directoryForAStoreFileIsItsFolder()
    {
        auto dir = StaleLocks::directoryFor(Target::sqliteFile(m_data + QStringLiteral("/trading/trading.db")));
        QVERIFY(dir);
        QCOMPARE(dir.value(), m_data + QStringLiteral("/trading"));
        QVERIFY(!StaleLocks::directoryFor(Target::postgres({})));
    }
};

QTEST_GUILESS_MAIN(TestStaleLocks)
#include "tst_stalelocks.moc"
