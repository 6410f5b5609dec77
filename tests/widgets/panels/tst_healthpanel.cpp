// The Health tab: scans a real SQLite store through a real DbWorker, fills tables, findings and the size chart,
// runs the SQLite checks on demand, and cancels a running scan. A data directory's tables show their own name
// in full, the store in a column of its own.
#include "charts/horizontalbarchart.h"
#include "demo/demostore.h"
#include "item/healthmodel.h"
#include "item/itemroles.h"
#include "panels/healthpanel.h"
#include "schema/healthhistory.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QTest>
#include <qcustomplot.h>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

// The view column whose header reads `title`; -1 when there is none.
int columnTitled(const QTableView *view, const QString &title)
{
    for (int c = 0; c < view->model()->columnCount(); ++c)
        if (view->model()->headerData(c, Qt::Horizontal).toString() == title)
            return c;
    return -1;
}

// The model row of the table whose full name (store prefix included) is `name`.
int rowOf(const HealthPanel &panel, const QString &name)
{
    for (int r = 0; r < panel.tablesModel()->rowCount(); ++r)
        if (panel.tablesModel()->table(r).name == name)
            return r;
    return -1;
}

// What the plot writes across itself (a note where there is no line to draw).
QString visibleTexts(const QCustomPlot *plot)
{
    QStringList texts;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto *t = qobject_cast<QCPItemText *>(plot->item(i)); t && t->visible())
            texts << t->text();
    return texts.join(QLatin1Char('|'));
}

} // namespace

class TestHealthPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_db;

    // A two-day demo data directory under the test's folder (empty when it could not be made).
    QString smallDemo(const QString &name)
    {
        const QString root = m_tmp.filePath(name);
        DemoOptions small;
        small.days = 2;
        small.marketDataDays = 1;
        const Error made = DemoStore::create(root, small);
        if (made)
            qWarning("%s", qPrintable(made.oneLine()));
        return made ? QString() : root;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_tmp.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::create(
            m_db,
            {"CREATE TABLE orders (id INTEGER PRIMARY KEY, symbol TEXT)",
             "CREATE TABLE trades (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id), note TEXT)",
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) "
             "INSERT INTO trades(order_id, note) SELECT i, hex(randomblob(30)) FROM n"},
            true));
    }

    void scanFillsTablesFindingsAndChart()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        QAbstractItemModelTester t1(panel.tablesModel());
        QAbstractItemModelTester t2(panel.findingsModel());
        panel.setWorker(&worker);
        QSignalSpy loaded(&panel, &HealthPanel::reportLoaded);
        panel.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QCOMPARE(panel.report().status(), QStringLiteral("warn"));
        QCOMPARE(panel.tablesModel()->rowCount(), 2);
        QCOMPARE(panel.tablesModel()->table(1).name, QStringLiteral("trades"));
        QCOMPARE(panel.tablesModel()->table(1).rows, 50000);
        QCOMPARE(panel.tablesModel()->index(1, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Warning));
        QCOMPARE(panel.findingsModel()->rowCount(), 1);
        QCOMPARE(panel.findingsModel()->finding(0).code, QStringLiteral("fk_without_index"));
        QCOMPARE(panel.chart()->barCount(), 2);
        QCOMPARE(panel.chart()->bars().first().label, QStringLiteral("trades"));
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("healthStatus"))->text().startsWith(QLatin1String("WARN")));
    }

    void dataDirectoryTablesShowTheirNameAndTheirStore()
    {
        const QString root = smallDemo(QStringLiteral("demo"));
        QVERIFY(!root.isEmpty());
        DbWorker worker(Target::dataDir(root), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        panel.resize(1280, 800);
        panel.show();
        panel.setWorker(&worker);
        QSignalSpy loaded(&panel, &HealthPanel::reportLoaded);
        panel.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        auto *view = panel.findChild<QTableView *>(QStringLiteral("healthTables"));
        const int store = columnTitled(view, QStringLiteral("Store"));
        QVERIFY(store >= 0);
        QVERIFY(!view->isColumnHidden(store));
        const HealthTablesModel *model = panel.tablesModel();
        const int row = rowOf(panel, QStringLiteral("trading/trading.db:trades"));
        QVERIFY(row >= 0);
        QCOMPARE(model->index(row, HealthTablesModel::TableColumn).data().toString(), QStringLiteral("trades"));
        QCOMPARE(model->index(row, store).data().toString(), QStringLiteral("trading/trading.db"));
        // The table column is as wide as its longest name: never "trading…".
        int longest = 0;
        for (int r = 0; r < view->model()->rowCount(); ++r)
            longest = std::max(longest, view->fontMetrics().horizontalAdvance(
                                            view->model()->index(r, HealthTablesModel::TableColumn).data().toString()));
        QTRY_VERIFY(view->horizontalHeader()->sectionSize(HealthTablesModel::TableColumn) >= longest);
    }

    // The largest-tables chart names each bar by its table, not "…g/trading.db:candles"; the store is added only
    // to a name two stores share (the demo has a `signals` table in trading.db and in signals.db).
    void chartBarsSayTheTableAndTheStoreOnlyWhenNamesRepeat()
    {
        const QString root = smallDemo(QStringLiteral("demo-bars"));
        QVERIFY(!root.isEmpty());
        DbWorker worker(Target::dataDir(root), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        panel.setWorker(&worker);
        QSignalSpy loaded(&panel, &HealthPanel::reportLoaded);
        panel.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QStringList labels;
        for (const HorizontalBarChart::Bar &bar : panel.chart()->bars())
            labels << bar.label;
        QVERIFY2(labels.contains(QStringLiteral("candles")), qPrintable(labels.join(QStringLiteral(", "))));
        QVERIFY2(labels.contains(QStringLiteral("signals (trading/trading.db)")), qPrintable(labels.join(", ")));
        QVERIFY2(labels.contains(QStringLiteral("signals (signals/signals.db)")), qPrintable(labels.join(", ")));
        for (const QString &label : labels)
            QVERIFY2(!label.contains(QLatin1Char(':')), qPrintable(label));
    }

    void aSingleStoreShowsNoStoreColumn()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        panel.setWorker(&worker);
        QSignalSpy loaded(&panel, &HealthPanel::reportLoaded);
        panel.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        auto *view = panel.findChild<QTableView *>(QStringLiteral("healthTables"));
        const int store = columnTitled(view, QStringLiteral("Store"));
        QVERIFY(store < 0 || view->isColumnHidden(store));
        QCOMPARE(view->model()->index(0, HealthTablesModel::TableColumn).data().toString(), QStringLiteral("orders"));
    }

    void growthChartShowsPersistedScans()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        panel.setWorker(&worker);
        panel.setHistoryFile(m_tmp.filePath(QStringLiteral("history.jsonl")));
        QSignalSpy loaded(&panel, &HealthPanel::reportLoaded);
        panel.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        panel.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 20000);
        QCOMPARE(panel.growthPlot()->graphCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(panel.growthPlot()->graph(0)->dataCount(), 2, 20000);
    }

    void growthHistoryIsReadByAWorkerJob()
    {
        const QString file = m_tmp.filePath(QStringLiteral("read-by-job.jsonl"));
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-1);
        QVERIFY(!HealthHistory(file).append(HealthReport{}, t0).isError());
        QVERIFY(!HealthHistory(file).append(HealthReport{}, t0.addSecs(3600)).isError());
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        QSignalSpy started(&worker, &DbWorker::jobStarted);
        QSignalSpy finished(&worker, &DbWorker::jobFinished);
        HealthPanel panel;
        panel.setWorker(&worker);
        panel.setHistoryFile(file);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(started.first().at(1).toString(), QStringLiteral("health history"));
        QCOMPARE(finished.first().at(0), started.first().at(0));
        QCOMPARE(finished.first().at(1).value<QList<HealthSnapshot>>().size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(panel.growthPlot()->graph(0)->dataCount(), 2, 20000);
    }

    void oneScanIsSaidInWords()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        panel.setWorker(&worker);
        panel.setHistoryFile(m_tmp.filePath(QStringLiteral("one-scan.jsonl")));
        QSignalSpy loaded(&panel, &HealthPanel::reportLoaded);
        panel.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(visibleTexts(panel.growthPlot()).contains(QLatin1String("One scan so far")), 20000);
    }

    void checksRunOnDemand()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        panel.setWorker(&worker);
        QSignalSpy loaded(&panel, &HealthPanel::reportLoaded);
        panel.runChecks(HealthOptions::Check::Quick, true);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QCOMPARE(panel.report().checksRun, QStringList({"quick_check", "foreign_key_check"}));
        // 50 000 trades point at orders that do not exist
        QCOMPARE(panel.findingsModel()->rowCount(), 2);
    }

    void cancelStopsAScan()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        panel.setWorker(&worker);
        QSignalSpy failed(&panel, &HealthPanel::errorReported);
        QSignalSpy loaded(&panel, &HealthPanel::reportLoaded);
        panel.runChecks(HealthOptions::Check::Integrity, true);
        QVERIFY(panel.isRunning());
        panel.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::Cancelled);
        QCOMPARE(loaded.count(), 0);
        QVERIFY(!panel.isRunning());
    }
};

QTEST_MAIN(TestHealthPanel)
#include "tst_healthpanel.moc"
