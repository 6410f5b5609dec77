// The connection state an operator sees: connected, or failed with the reason.
#include "log/logbuffer.h"
#include "log/logging.h"
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
    void initTestCase()
    {
        qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
        Logging::setup(Logging::Mode::Gui);
    }

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

    // A server that stays away for several retries leaves one line in the log, not one per retry.
    void retriesOfTheSameLossAreLoggedOnce()
    {
        PgParams pg;
        pg.host = QStringLiteral("127.0.0.1");
        pg.port = 1; // nothing listens there: each try is refused at once
        pg.dbname = QStringLiteral("trading");
        const Target target = Target::postgres(pg);
        ConnectionMonitor monitor(target, SessionOptions::monitor());
        monitor.setBackoffSeconds({1});
        QSignalSpy recorded(Logging::buffer(), &LogBuffer::recorded);
        QSignalSpy changed(&monitor, &ConnectionMonitor::stateChanged);
        monitor.start();
        QTRY_COMPARE(monitor.state(), ConnectionMonitor::State::Reconnecting);
        QVERIFY(monitor.lastError().isConnectionLoss());
        // With a 1 s backoff each failed try emits one change (no countdown ticks): Connecting, then four failures.
        QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 5, 20000);
        QStringList lines;
        for (const QList<QVariant> &args : recorded) {
            const LogRecord r = args.at(0).value<LogRecord>();
            if (r.message.contains(target.display()))
                lines << r.message;
        }
        QVERIFY2(lines.size() == 1, qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY2(lines.first().startsWith(QStringLiteral("lost ")), qPrintable(lines.first()));
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
