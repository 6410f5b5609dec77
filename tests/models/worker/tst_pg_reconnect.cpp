// A monitor whose server session is killed shows "reconnecting (next try in N s)" and comes back by itself.
#include "connection/connector.h"
#include "pgtestserver.h"
#include "worker/connectionmonitor.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QtTest>

using namespace dbops;
using dbops::test::PgTestServer;

class TestPgReconnect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lostSessionReconnectsWithBackoff()
    {
        DBOPS_REQUIRE_PG();
        SessionOptions options = SessionOptions::monitor();
        options.applicationName = QStringLiteral("dbops-reconnect-test");
        ConnectionMonitor monitor(PgTestServer::target(), options);
        monitor.setPingIntervalMs(200);
        monitor.setBackoffSeconds({2});
        monitor.start();
        QTRY_COMPARE(monitor.state(), ConnectionMonitor::State::Connected);

        { // The server ends the monitor's session, as a DBA or a restart would.
            ScopedConnection admin(PgTestServer::target(), SessionOptions::action(), QStringLiteral("admin"));
            QVERIFY(admin.ok());
            QSqlQuery q(admin.db());
            QVERIFY(q.exec(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                          "WHERE application_name = 'dbops-reconnect-test'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), ConnectionMonitor::State::Reconnecting, 5000);
        QVERIFY2(monitor.stateText().startsWith(QStringLiteral("reconnecting (next try in ")),
                 qPrintable(monitor.stateText()));
        QVERIFY(monitor.lastError().isConnectionLoss());
        QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), ConnectionMonitor::State::Connected, 10000);
    }
};

QTEST_GUILESS_MAIN(TestPgReconnect)
#include "tst_pg_reconnect.moc"
