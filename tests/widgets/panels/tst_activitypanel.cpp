// The Activity panel offscreen: snapshots shown in its tables and chart (gaps included), PNG export,
// read-only mode, confirmation before cancel, and a real SQLite store through the monitor: its lock / WAL
// view, its history chart (recorded, and shown again after a restart), the operator's own probe queries.
// The live lists: terminate and EXPLAIN act on the row selected (by pid / statement) even after a refresh
// reorders the rows, "Pause lists" holds refreshes, the leak suspects' menu terminates through the same
// confirmation, and the statement column takes the width the numbers leave.
#include "charts/historychart.h"
#include "item/itemroles.h"
#include "item/leakmodel.h"
#include "item/poolmodel.h"
#include "item/runningmodel.h"
#include "item/slowquerymodel.h"
#include "panels/activitypanel.h"
#include "sqlitefixture.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

using namespace dbops;
using namespace dbops::test;

namespace {

PoolSnapshot pgPool()
{
    PgPool p;
    p.at = QDateTime::currentDateTimeUtc();
    p.maxConnections = 100;
    p.availableConnections = 97;
    p.total = 12;
    p.usagePct = 100.0 * 12 / 97;
    AppUsage bot;
    bot.name = QStringLiteral("trading_bot");
    bot.counts.active = 2;
    bot.counts.idle = 7;
    bot.counts.idleInTransaction = 2;
    bot.poolMax = 12;
    bot.usagePct = 100.0 * 11 / 12;
    bot.severity = Severity::Warning;
    p.applications << bot;
    p.counts = bot.counts;
    p.consoleCounts.active = 1;
    LeakSuspect leak;
    leak.pid = 4242;
    leak.application = bot.name;
    leak.state = QStringLiteral("idle in transaction");
    leak.seconds = 75;
    p.leakSuspects << leak;
    PoolSnapshot s;
    s.engine = QStringLiteral("postgresql");
    s.pg = p;
    return s;
}

SlowSnapshot slow()
{
    SlowSnapshot s;
    s.source = QStringLiteral("pg_stat_statements");
    StatementStat st;
    st.query = QStringLiteral("SELECT * FROM trades WHERE symbol = $1");
    st.calls = 10;
    st.totalMs = 2500;
    st.meanMs = 250;
    s.statements << st;
    RunningQuery holder;
    holder.pid = 10;
    holder.state = QStringLiteral("idle in transaction");
    RunningQuery waiter;
    waiter.pid = 11;
    waiter.blockedBy = {10};
    s.running << holder << waiter;
    s.blockingTree = {BlockingNode{10, 0, 0, 1}, BlockingNode{11, 1, 10, 0}};
    return s;
}

const StatementStat *findStatement(const ActivityPanel &panel, const QString &query)
{
    for (const StatementStat &s : panel.statementModel()->statements())
        if (s.query == query)
            return &s;
    return nullptr;
}

// Running sessions in this order, outside any blocking tree; statements in this order.
SlowSnapshot live(const QList<int> &pids, const QStringList &queries = {})
{
    SlowSnapshot s;
    s.source = QStringLiteral("pg_stat_statements");
    for (int pid : pids) {
        RunningQuery r;
        r.pid = pid;
        r.state = QStringLiteral("active");
        r.query = QStringLiteral("SELECT pg_sleep(%1)").arg(pid);
        s.running << r;
    }
    for (const QString &q : queries) {
        StatementStat st;
        st.queryId = qHash(q);
        st.query = q;
        st.calls = 1;
        s.statements << st;
    }
    return s;
}

// A PostgreSQL target nothing listens on: actions are sent and fail, reporting the pid they were for.
Target unreachable()
{
    return Target::postgres(PgParams{QStringLiteral("127.0.0.1"), 1, QStringLiteral("nope"), {}, {}, {}, {}});
}

// Selects the row of `view` whose source row is `sourceRow`.
void selectSourceRow(QTableView *view, int sourceRow)
{
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(view->model());
    view->selectRow(proxy->mapFromSource(proxy->sourceModel()->index(sourceRow, 0)).row());
}

// Shows the Queries tab (where the probe field is).
void showQueriesTab(ActivityPanel &panel) { panel.findChild<QTabWidget *>()->setCurrentIndex(1); }

// Samples every second (the panel's fastest), so that tests see several soon.
void sampleEverySecond(ActivityPanel &panel)
{
    panel.findChild<QSpinBox *>(QStringLiteral("activityInterval"))->setValue(1);
}

ActivitySample sample(const QDateTime &at, int active)
{
    ActivitySample s;
    s.at = at;
    s.counts.active = active;
    s.available = 97;
    s.intervalMs = 2000;
    return s;
}

} // namespace

class TestActivityPanel : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toLocal8Bit());
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toLocal8Bit());
    }

    void showsSnapshotsInTablesAndChart()
    {
        ActivityPanel panel;
        panel.show();
        panel.showSnapshots(pgPool(), slow());
        QCOMPARE(panel.poolModel()->rowCount(), 1);
        QCOMPARE(panel.poolModel()->data(panel.poolModel()->index(0, PoolModel::TotalColumn)).toInt(), 11);
        QCOMPARE(panel.poolModel()->data(panel.poolModel()->index(0, 0), ItemRole::SeverityRole).toInt(),
                 int(Severity::Warning));
        QCOMPARE(panel.leakModel()->rowCount(), 1);
        QCOMPARE(panel.leakModel()->pidAt(0), 4242);
        QCOMPARE(panel.statementModel()->rowCount(), 1);
        QCOMPARE(panel.runningModel()->rowCount(), 2);
        QCOMPARE(panel.runningModel()->pidAt(0), 10); // root blocker first
        QCOMPARE(panel.runningModel()->data(panel.runningModel()->index(1, 0)).toString(), QStringLiteral("└ 11"));
        QCOMPARE(panel.chart()->samples().size(), 1);
        QVERIFY(panel.summaryText().contains(QStringLiteral("12 of 97")));
        QVERIFY(panel.summaryText().contains(QStringLiteral("warning")));
    }

    void chartBreaksTheLineAtAGap()
    {
        HistoryChart chart;
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        chart.setSamples({});
        chart.appendSample(sample(t0, 1));
        chart.appendSample(sample(t0.addSecs(2), 2));
        chart.appendSample(sample(t0.addSecs(900), 3)); // console closed for 15 min
        QCPGraph *active = chart.plot()->graph(HistoryChart::Active);
        QCOMPARE(active->dataCount(), 4);
        QVERIFY(std::isnan((active->data()->constBegin() + 2)->value));
        QVERIFY(chart.samples().last().gapBefore);
        QVERIFY(chart.valuesAt(t0.addSecs(899).toMSecsSinceEpoch() / 1000.0).contains(QStringLiteral("active 3")));
        const QString png = m_dir.filePath(QStringLiteral("chart.png"));
        QVERIFY(chart.exportPng(png, 640, 320));
        QVERIFY(QImage(png).width() == 640);
    }

    void zoomAndDragAreAlongTime()
    {
        HistoryChart chart;
        QVERIFY(chart.plot()->interactions().testFlag(QCP::iRangeDrag));
        QVERIFY(chart.plot()->interactions().testFlag(QCP::iRangeZoom));
        QCOMPARE(chart.plot()->axisRect()->rangeDrag(), Qt::Horizontal);
    }

    void readOnlyDisablesCancelAndTerminate()
    {
        ActivityPanel panel;
        auto *cancel = panel.findChild<QPushButton *>(QStringLiteral("activityCancel"));
        auto *terminate = panel.findChild<QPushButton *>(QStringLiteral("activityTerminate"));
        QVERIFY(cancel && terminate);
        QVERIFY(cancel->isHidden()); // no target: nothing to cancel
        panel.setTarget(
            Target::postgres(PgParams{QStringLiteral("127.0.0.1"), 1, QStringLiteral("nope"), {}, {}, {}, {}}));
        QVERIFY(!cancel->isHidden());
        QVERIFY(!terminate->isHidden());
        panel.setReadOnly(true); // incident mode: in sight, disabled
        QVERIFY(!cancel->isEnabled());
        QVERIFY(!terminate->isEnabled());
        panel.clearTarget();
    }

    void cancelAsksFirst()
    {
        ActivityPanel panel;
        int asked = 0;
        panel.setConfirmer([&](const QString &q) {
            ++asked;
            return !q.isEmpty() && false;
        });
        panel.setTarget(
            Target::postgres(PgParams{QStringLiteral("127.0.0.1"), 1, QStringLiteral("nope"), {}, {}, {}, {}}));
        panel.showSnapshots(pgPool(), slow());
        auto *view = panel.findChild<QTableView *>(QStringLiteral("activityRunning"));
        QVERIFY(view);
        view->selectRow(0);
        auto *cancel = panel.findChild<QPushButton *>(QStringLiteral("activityCancel"));
        QVERIFY(!cancel->isHidden());
        cancel->click();
        QCOMPARE(asked, 1); // and declined: nothing sent
        panel.clearTarget();
    }

    // A reading, then the server cannot be reached (nothing listens on port 1): the lists stay as last read but
    // say they are not live, and no session can be cancelled or terminated from them; a new reading clears it.
    void lostServerLeavesTheListsMarkedNotLive()
    {
        ActivityPanel panel;
        int asked = 0;
        panel.setConfirmer([&](const QString &) { return ++asked < 0; });
        panel.setTarget(
            Target::postgres(PgParams{QStringLiteral("127.0.0.1"), 1, QStringLiteral("nope"), {}, {}, {}, {}}));
        panel.showSnapshots(pgPool(), slow());
        QTRY_VERIFY_WITH_TIMEOUT(panel.isStale(), 15000);
        QVERIFY2(panel.summaryText().contains(QStringLiteral("NOT LIVE")), qPrintable(panel.summaryText()));
        QVERIFY(panel.summaryText().contains(QStringLiteral("12 of 97"))); // the last reading, named
        QCOMPARE(panel.runningModel()->rowCount(), 2);
        auto *cancel = panel.findChild<QPushButton *>(QStringLiteral("activityCancel"));
        auto *terminate = panel.findChild<QPushButton *>(QStringLiteral("activityTerminate"));
        QVERIFY(!cancel->isEnabled() && !terminate->isEnabled());
        panel.findChild<QTableView *>(QStringLiteral("activityRunning"))->selectRow(0);
        QMetaObject::invokeMethod(cancel, "click"); // even if it were reached: nothing is asked, nothing sent
        QCOMPARE(asked, 0);
        panel.showSnapshots(pgPool(), slow()); // reachable again
        QVERIFY(!panel.isStale());
        QVERIFY(cancel->isEnabled() && terminate->isEnabled());
        panel.clearTarget();
    }

    void sqliteStoreThroughTheMonitor()
    {
        const QString db = m_dir.filePath(QStringLiteral("live.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 20, true));
        ActivityPanel panel;
        panel.show();
        panel.setTarget(Target::sqliteFile(db));
        auto *view = panel.findChild<QLabel *>(QStringLiteral("activitySqlite"));
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->text().contains(QStringLiteral("write lock <b>free</b>")), 10000);
        QTRY_VERIFY(panel.statementModel()->rowCount() >= 1);
        panel.clearTarget();
    }

    void sqliteHistoryIsChartedAndShownAfterARestart()
    {
        const QString db = m_dir.filePath(QStringLiteral("charted.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 20, true));
        QProcess bot; // holds the store open with the write lock taken, as a bot mid-transaction
        bot.start(QStringLiteral("python3"), {QStringLiteral("-c"),
                                              QStringLiteral("import sqlite3, sys, time\n"
                                                             "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                                                             "c.execute('BEGIN IMMEDIATE')\n"
                                                             "print('held', flush=True)\n"
                                                             "time.sleep(120)"),
                                              db});
        QVERIFY(bot.waitForReadyRead(10000));
        int recorded = 0;
        {
            ActivityPanel panel;
            sampleEverySecond(panel);
            panel.show();
            panel.setTarget(Target::sqliteFile(db));
            HistoryChart *chart = panel.sqliteChart();
            QTRY_VERIFY_WITH_TIMEOUT(chart->sqliteSamples().size() >= 2, 15000);
            QVERIFY(chart->isSqlite());
            const SqliteSample last = chart->sqliteSamples().last();
            QCOMPARE(last.holders, 1);
            QCOMPARE(last.writeLocksHeld, 1);
            QCOMPARE(last.walBytes, QFileInfo(db + QStringLiteral("-wal")).size());
            QCOMPARE(last.lockProbeMs, 0.0); // seen in /proc/locks: no write-lock probe ran
            QVERIFY(panel.findChild<QLabel *>(QStringLiteral("activitySqlite"))
                        ->text()
                        .contains(QStringLiteral("held by pid %1 (python3)").arg(bot.processId())));
            QCOMPARE(chart->plot()->graph(HistoryChart::Holders)->dataCount(), chart->sqliteSamples().size());
            QVERIFY(chart->valuesAt(last.at.toMSecsSinceEpoch() / 1000.0)
                        .contains(QStringLiteral("processes holding the files 1")));
            panel.clearTarget();
            recorded =
                int(ActivityHistory(Target::sqliteFile(db).toSpec())
                        .loadSqlite(QDateTime::currentDateTimeUtc().addSecs(-60), QDateTime::currentDateTimeUtc())
                        ->size());
            QVERIFY(recorded >= 2);
        }
        bot.kill();
        bot.waitForFinished();
        ActivityPanel reopened; // the console restarted, the bot gone
        reopened.setTarget(Target::sqliteFile(db));
        HistoryChart *chart = reopened.sqliteChart();
        QTRY_VERIFY_WITH_TIMEOUT(chart->sqliteSamples().size() > recorded, 15000);
        QCOMPARE(chart->sqliteSamples().first().writeLocksHeld, 1);
        QCOMPARE(chart->sqliteSamples().last().writeLocksHeld, 0);
        QCOMPARE(chart->sqliteSamples().last().holders, 0);
        reopened.clearTarget();
    }

    void activeProbesAreOffByDefaultAndLabelled()
    {
        const QString db = m_dir.filePath(QStringLiteral("active.db"));
        const QString other = m_dir.filePath(QStringLiteral("other.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 5, true));
        QVERIFY(SqliteFixture::createTradingStore(other, 5, true));
        ActivityPanel panel;
        panel.show();
        panel.setTarget(Target::sqliteFile(db));
        auto *box = panel.findChild<QCheckBox *>(QStringLiteral("activityActiveProbes"));
        auto *view = panel.findChild<QLabel *>(QStringLiteral("activitySqlite"));
        QVERIFY(box && view);
        QVERIFY(box->isVisibleTo(&panel));
        QVERIFY(!box->isChecked());
        QVERIFY(!panel.monitor()->activeProbes());
        QVERIFY(box->text().contains(QStringLiteral("writes to the store")));
        QVERIFY2(panel.minimumSizeHint().width() <= 1000, "the Activity panel would widen a 1280 px window");
        QTRY_VERIFY_WITH_TIMEOUT(view->text().contains(QStringLiteral("read without checkpointing")), 10000);
        QVERIFY(!view->text().contains(QStringLiteral("Active probes on")));
        box->setChecked(true);
        QVERIFY(panel.monitor()->activeProbes());
        QTRY_VERIFY_WITH_TIMEOUT(
            view->text().contains(QStringLiteral("Active probes on</b> — they write to this store")), 10000);
        panel.setTarget(Target::sqliteFile(other)); // per target: another store starts with them off
        QVERIFY(!box->isChecked());
        QVERIFY(!panel.monitor()->activeProbes());
        panel.setTarget(Target::sqliteFile(db)); // and the choice for this one is remembered
        QVERIFY(box->isChecked());
        QVERIFY(panel.monitor()->activeProbes());
        panel.clearTarget();
    }

    void operatorProbeFromTheQueriesTab()
    {
        const QString db = m_dir.filePath(QStringLiteral("probed.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 12000, true));
        const QString mine = QStringLiteral("SELECT * FROM trades WHERE symbol = 'BTCUSDT'");
        {
            ActivityPanel panel;
            panel.show();
            panel.setTarget(Target::sqliteFile(db));
            auto *edit = panel.findChild<QLineEdit *>(QStringLiteral("activityProbe"));
            auto *add = panel.findChild<QPushButton *>(QStringLiteral("activityAddProbe"));
            QVERIFY(edit && add);
            showQueriesTab(panel);
            QVERIFY(edit->isVisibleTo(&panel));
            edit->setText(mine);
            add->click();
            QTRY_VERIFY_WITH_TIMEOUT(findStatement(panel, mine), 15000);
            const StatementStat *probe = findStatement(panel, mine);
            QCOMPARE(probe->calls, qint64(1));
            QVERIFY(probe->totalMs > 0);
            QCOMPARE(probe->findings, QStringList{QStringLiteral("full scan of trades (~12000 rows)")});
            QCOMPARE(probe->severity, Severity::Warning);
            QVERIFY(edit->text().isEmpty());
            panel.clearTarget();
        }
        ActivityPanel again; // remembered for the store
        again.setTarget(Target::sqliteFile(db));
        QTRY_VERIFY_WITH_TIMEOUT(findStatement(again, mine), 15000);
        auto *view = again.findChild<QTableView *>(QStringLiteral("activityStatements"));
        QVERIFY(view);
        int row = 0;
        while (again.statementModel()->query(row) != mine)
            ++row;
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(view->model());
        view->selectRow(proxy ? proxy->mapFromSource(again.statementModel()->index(row, 0)).row() : row);
        QSignalSpy changed(again.monitor(), &ActivityMonitor::probesChanged);
        again.findChild<QPushButton *>(QStringLiteral("activityForgetProbe"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!findStatement(again, mine), 15000);
        again.clearTarget();
    }

    void probeFieldIsForSqliteOnly()
    {
        ActivityPanel panel;
        panel.setTarget(
            Target::postgres(PgParams{QStringLiteral("127.0.0.1"), 1, QStringLiteral("nope"), {}, {}, {}, {}}));
        showQueriesTab(panel);
        QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("activityExplain"))->isVisibleTo(&panel));
        QVERIFY(!panel.findChild<QLineEdit *>(QStringLiteral("activityProbe"))->isVisibleTo(&panel));
        panel.clearTarget();
    }

    void terminateActsOnTheSelectedPidAfterTheRowsMove()
    {
        ActivityPanel panel;
        QStringList asked;
        panel.setConfirmer([&](const QString &q) {
            asked << q;
            return true;
        });
        panel.setTarget(unreachable());
        panel.showSnapshots(pgPool(), live({10, 11}));
        auto *view = panel.findChild<QTableView *>(QStringLiteral("activityRunning"));
        selectSourceRow(view, 1);                          // pid 11
        panel.showSnapshots(pgPool(), live({12, 10, 11})); // a new session comes first: 10 now holds row 1
        QSignalSpy finished(panel.monitor(), &ActivityMonitor::actionFinished);
        panel.findChild<QPushButton *>(QStringLiteral("activityTerminate"))->click();
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().contains(QStringLiteral("session 11 ")), qPrintable(asked.first()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QCOMPARE(finished.first().at(1).toInt(), 11);
        panel.clearTarget();
    }

    void explainActsOnTheSelectedStatementAfterTheRowsMove()
    {
        const QString orders = QStringLiteral("SELECT * FROM orders WHERE status = $1");
        const QString trades = QStringLiteral("SELECT * FROM trades WHERE symbol = $1");
        ActivityPanel panel;
        panel.setTarget(unreachable());
        panel.showSnapshots(pgPool(), live({}, {orders, trades}));
        selectSourceRow(panel.findChild<QTableView *>(QStringLiteral("activityStatements")), 1); // trades
        panel.showSnapshots(pgPool(), live({}, {trades, orders}));
        panel.findChild<QPushButton *>(QStringLiteral("activityExplain"))->click();
        const QString plan = panel.findChild<QLabel *>(QStringLiteral("activityPlan"))->text();
        QVERIFY2(plan.contains(trades), qPrintable(plan));
        QVERIFY(!plan.contains(orders));
        panel.clearTarget();
    }

    void pauseHoldsTheListsUntilResumed()
    {
        ActivityPanel panel;
        panel.show();
        panel.setTarget(unreachable());
        panel.showSnapshots(pgPool(), live({10, 11}));
        auto *pause = panel.findChild<QPushButton *>(QStringLiteral("activityPause"));
        QVERIFY(pause);
        QSignalSpy running(panel.runningModel(), &QAbstractItemModel::modelReset);
        QSignalSpy statements(panel.statementModel(), &QAbstractItemModel::modelReset);
        pause->click();
        QVERIFY(panel.isPaused());
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("activityPausedNote"))->isVisible());
        panel.showSnapshots(pgPool(), live({12, 13, 14}));
        panel.showSnapshots(pgPool(), live({15}));
        QCOMPARE(running.size(), 0);
        QCOMPARE(statements.size(), 0);
        QCOMPARE(panel.runningModel()->pidAt(0), 10);
        pause->click(); // resume: the newest refresh shows at once
        QVERIFY(!panel.isPaused());
        QVERIFY(!panel.findChild<QLabel *>(QStringLiteral("activityPausedNote"))->isVisible());
        QCOMPARE(running.size(), 1);
        QCOMPARE(panel.runningModel()->rowCount(), 1);
        QCOMPARE(panel.runningModel()->pidAt(0), 15);
        panel.clearTarget();
    }

    void leakSuspectMenuTerminatesThroughTheConfirmation()
    {
        ActivityPanel panel;
        panel.show();
        QStringList asked;
        panel.setConfirmer([&](const QString &q) {
            asked << q;
            return true;
        });
        panel.setTarget(unreachable());
        panel.showSnapshots(pgPool(), slow());
        auto *leaks = panel.findChild<QTableView *>(QStringLiteral("activityLeaks"));
        const QRect row = leaks->visualRect(leaks->model()->index(0, 0));
        Q_EMIT leaks->customContextMenuRequested(row.center());
        auto *menu = panel.findChild<QMenu *>(QStringLiteral("activityLeakMenu"));
        QVERIFY(menu);
        auto *terminate = menu->findChild<QAction *>(QStringLiteral("activityLeakTerminate"));
        QVERIFY(terminate);
        QCOMPARE(terminate->text(), QStringLiteral("Terminate…"));
        QSignalSpy finished(panel.monitor(), &ActivityMonitor::actionFinished);
        terminate->trigger();
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().startsWith(QStringLiteral("Terminate session 4242 ")), qPrintable(asked.first()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QCOMPARE(finished.first().at(1).toInt(), 4242);
        panel.clearTarget();
    }

    void statementColumnTakesTheWidthTheNumbersLeave()
    {
        ActivityPanel panel;
        panel.resize(1280, 800);
        panel.show();
        panel.setTarget(unreachable());
        showQueriesTab(panel);
        panel.showSnapshots(pgPool(), slow());
        auto *view = panel.findChild<QTableView *>(QStringLiteral("activityStatements"));
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QHeaderView *header = view->horizontalHeader();
        const int text = view->fontMetrics().horizontalAdvance(slow().statements.first().query);
        QTRY_VERIFY(header->sectionSize(SlowQueryModel::QueryColumn) >= text);
        int numbers = 0;
        for (int column = SlowQueryModel::CallsColumn; column < SlowQueryModel::ColumnCount; ++column)
            numbers += header->sectionSize(column);
        QVERIFY2(header->sectionSize(SlowQueryModel::QueryColumn) > numbers,
                 qPrintable(QStringLiteral("statement %1 px, numbers %2 px")
                                .arg(header->sectionSize(SlowQueryModel::QueryColumn))
                                .arg(numbers)));
        panel.clearTarget();
    }
};

QTEST_MAIN(TestActivityPanel)
#include "tst_activitypanel.moc"
