// Cleanup › Leaked sessions against the real server, by clicks: an application's idle-in-transaction session
// is listed (not another application's), terminated after typing the application's name; and Maintenance
// runs VACUUM on a chosen table. Screens grabbed to $DBOPS_SCREENSHOT_DIR when set.
#include "cleanup/confirmdialog.h"
#include "cleanup/maintenancesection.h"
#include "cleanup/sessionssection.h"
#include "connection/connector.h"
#include "item/leakmodel.h"
#include "loadgen.h"
#include "panels/cleanuppanel.h"
#include "pgtestserver.h"
#include "worker/dbworker.h"

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {

const QString kDb = QStringLiteral("dbops_cleanup_gui");

void grab(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("DBOPS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(w->grab().save(dir + QStringLiteral("/") + name + QStringLiteral(".png")));
}

bool alive(int pid)
{
    ScopedConnection c(PgTestServer::target(kDb), SessionOptions::monitor(), QStringLiteral("check"));
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"));
    q.addBindValue(pid);
    return q.exec() && q.next() && q.value(0).toInt() > 0;
}

} // namespace

class TestPgCleanupSessions : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<LoadGenerator> m_leaky, m_other;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        DBOPS_REQUIRE_PG();
        QVERIFY(!PgTestServer::createDatabase(kDb));
        {
            SessionOptions admin = SessionOptions::action();
            admin.applicationName = QStringLiteral("gui_test_admin");
            ScopedConnection c(PgTestServer::target(kDb), admin, QStringLiteral("admin"));
            QSqlQuery q(c.db());
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE candles (id bigserial PRIMARY KEY, close float8)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO candles (close) SELECT i FROM generate_series(1, 50000) i")));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM candles WHERE id % 3 = 0")));
        }
        m_leaky = std::make_unique<LoadGenerator>(PgTestServer::target(kDb));
        LoadSpec leaky;
        leaky.application = QStringLiteral("gui_leaky_bot");
        leaky.idleInTransaction = 1;
        leaky.idle = 1;
        QVERIFY(!m_leaky->start(leaky));
        m_other = std::make_unique<LoadGenerator>(PgTestServer::target(kDb));
        LoadSpec other;
        other.application = QStringLiteral("gui_other_bot");
        other.idleInTransaction = 1;
        QVERIFY(!m_other->start(other));
    }

    void leakedSessionIsListedAndTerminated()
    {
        DbWorker ops(Target{}, SessionOptions::action(), QStringLiteral("ops"));
        CleanupPanel panel(&ops);
        panel.resize(1000, 640);
        panel.show();
        panel.setTarget(PgTestServer::target(kDb));
        SessionsSection *s = panel.sessionsSection();
        panel.showSection(s);
        QTest::keyClicks(s->applicationEdit(), QStringLiteral("gui_leaky_bot"));
        QTest::mouseClick(s->previewButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(s->model()->rowCount(), 1, 10000);
        const int leaked = m_leaky->idleInTransactionPids().first();
        QCOMPARE(s->model()->pidAt(0), leaked);
        QVERIFY(s->terminateButton()->isEnabled());
        grab(&panel, QStringLiteral("cleanup-sessions"));
        QTest::mouseClick(s->terminateButton(), Qt::LeftButton);
        QTRY_VERIFY(s->confirmDialog() != nullptr);
        ConfirmDialog *d = s->confirmDialog();
        QTest::keyClicks(d->input(), QStringLiteral("gui_leaky_bo"));
        QVERIFY(!d->confirmButton()->isEnabled());
        QTest::keyClicks(d->input(), QStringLiteral("t"));
        grab(d, QStringLiteral("cleanup-sessions-confirm"));
        QTest::mouseClick(d->confirmButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(s->resultText().startsWith(QStringLiteral("Terminated 1")), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(leaked), 5000);
        QVERIFY(alive(m_leaky->idlePids().first()));
        QVERIFY(alive(m_other->idleInTransactionPids().first()));
    }

    void vacuumOnAChosenTable()
    {
        DbWorker ops(Target{}, SessionOptions::action(), QStringLiteral("ops"));
        CleanupPanel panel(&ops);
        panel.resize(1000, 640);
        panel.show();
        panel.setTarget(PgTestServer::target(kDb));
        MaintenanceSection *s = panel.maintenanceSection();
        panel.showSection(s);
        QVERIFY(s->tablesEdit()->isVisible());
        QTest::keyClicks(s->tablesEdit(), QStringLiteral("candles"));
        QTest::mouseClick(s->previewButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(s->previewText().contains(QStringLiteral("VACUUM (ANALYZE) candles")), 10000);
        QTest::mouseClick(s->runButton(), Qt::LeftButton);
        QTRY_VERIFY(s->confirmDialog() != nullptr);
        QTest::keyClicks(s->confirmDialog()->input(), kDb);
        QTest::mouseClick(s->confirmDialog()->confirmButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(s->lastResult().has_value(), 30000);
        QVERIFY2(s->lastResult()->ok(), qPrintable(s->lastResult()->error.oneLine()));
        QCOMPARE(s->lastResult()->tablesAfter.first().deadRows, 0);
        grab(&panel, QStringLiteral("cleanup-maintenance-pg"));
    }

    void cleanupTestCase()
    {
        m_leaky.reset();
        m_other.reset();
        PgTestServer::dropDatabase(kDb);
    }
};

QTEST_MAIN(TestPgCleanupSessions)
#include "tst_pg_cleanupsessions.moc"
