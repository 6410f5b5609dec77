// The connection state an operator sees: connected, or failed with the reason.
#include "sqlitefixture.h"
#include "worker/connectionmonitor.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestConnectionMonitor : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void reachableStoreIsConnected()
    {
        const QString db = m_dir.filePath(QStringLiteral("ok.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 1));
        ConnectionMonitor monitor(Target::sqliteFile(db), SessionOptions::monitor());
        monitor.start();
        QCOMPARE(monitor.state(), ConnectionMonitor::State::Connecting);
        QTRY_COMPARE(monitor.state(), ConnectionMonitor::State::Connected);
        QCOMPARE(monitor.stateText(), QStringLiteral("connected"));
    }

    void missingStoreFailsWithReasonAndNoRetry()
    {
        const QString db = m_dir.filePath(QStringLiteral("missing.db"));
        ConnectionMonitor monitor(Target::sqliteFile(db), SessionOptions::monitor());
        QSignalSpy changed(&monitor, &ConnectionMonitor::stateChanged);
        monitor.start();
        QTRY_COMPARE(monitor.state(), ConnectionMonitor::State::Failed);
        QVERIFY(monitor.stateText().startsWith(QStringLiteral("failed: no such file: ") + db));
        QCOMPARE(monitor.lastError().code, ErrorCode::NotFound);
        const int signals_ = changed.size();
        QTest::qWait(1500);
        QCOMPARE(changed.size(), signals_); // no retry loop for an error retrying cannot fix
        QVERIFY(!QFile::exists(db));
    }

    void dataDirectoryIsConnectedWithoutAConnection()
    {
        ConnectionMonitor monitor(Target::dataDir(m_dir.path()), SessionOptions::monitor());
        monitor.start();
        QTRY_COMPARE(monitor.state(), ConnectionMonitor::State::Connected);
    }
};

QTEST_GUILESS_MAIN(TestConnectionMonitor)
#include "tst_connectionmonitor.moc"
