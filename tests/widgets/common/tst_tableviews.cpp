// Every grid of the console: the text that names a row and the numbers fit their columns (never cut), the
// statement (or widest text) column takes the width left, a cut cell shows its whole text on hover, and a
// selected row stays selected by what names it (pid, application) when a live list refreshes and reorders.
#include "common/tableviews.h"
#include "item/itemroles.h"
#include "item/poolmodel.h"
#include "item/runningmodel.h"
#include "item/slowquerymodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QHelpEvent>
#include <QStandardItemModel>
#include <QToolTip>
#include <QtTest>
#include <memory>

using namespace dbops;

namespace {

const QString kLongStatement =
    QStringLiteral("SELECT t.id, t.symbol, t.price, t.qty, o.status FROM trades t JOIN orders o ON o.id = t.order_id "
                   "WHERE t.symbol = $1 AND t.created_at > now() - interval '1 day' ORDER BY t.created_at DESC");
const QString kLongApplication = QStringLiteral("trading_bot_market_maker_eu_west_2");

SlowSnapshot running(const QList<int> &pids)
{
    SlowSnapshot s;
    for (int pid : pids) {
        RunningQuery r;
        r.pid = pid;
        r.application = kLongApplication;
        r.state = QStringLiteral("active");
        r.seconds = 12345.6;
        r.query = kLongStatement;
        s.running << r;
    }
    return s;
}

QList<StatementStat> statements()
{
    StatementStat s;
    s.queryId = 4711;
    s.query = kLongStatement;
    s.calls = 1234567;
    s.totalMs = 98765432.1;
    s.meanMs = 80.2;
    s.rows = 7654321;
    s.pctOfTotal = 99.5;
    s.cacheHitPct = 100;
    return {s};
}

PgPool pool(const QStringList &applications)
{
    PgPool p;
    for (const QString &name : applications) {
        AppUsage a;
        a.name = name;
        a.counts.idle = 3;
        p.applications << a;
    }
    return p;
}

// The widest text a column shows, header included, as the view's font draws it.
int widestText(const QTableView &view, int column)
{
    const QAbstractItemModel *model = view.model();
    int widest =
        view.horizontalHeader()->fontMetrics().horizontalAdvance(model->headerData(column, Qt::Horizontal).toString());
    for (int row = 0; row < model->rowCount(); ++row)
        widest = std::max(widest, view.fontMetrics().horizontalAdvance(model->index(row, column).data().toString()));
    return widest;
}

} // namespace

class TestTableViews : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void columnsFitTheirTextAndTheStatementTakesTheRest_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<int>("stretch");
        QTest::addColumn<int>("width");
        QTest::newRow("statements, 1280") << "statements" << int(SlowQueryModel::QueryColumn) << 1240;
        QTest::newRow("statements, 900") << "statements" << int(SlowQueryModel::QueryColumn) << 900;
        QTest::newRow("running, 1280") << "running" << int(RunningModel::QueryColumn) << 1240;
        QTest::newRow("running, 900") << "running" << int(RunningModel::QueryColumn) << 900;
    }

    void columnsFitTheirTextAndTheStatementTakesTheRest()
    {
        QFETCH(QString, list);
        QFETCH(int, stretch);
        QFETCH(int, width);
        std::unique_ptr<QAbstractItemModel> model;
        if (list == QLatin1String("statements")) {
            auto *m = new SlowQueryModel;
            m->setStatements(statements());
            model.reset(m);
        } else {
            auto *m = new RunningModel;
            m->setSnapshot(running({101, 4242}));
            model.reset(m);
        }
        QWidget window;
        QTableView *view = TableViews::create(model.get(), &window, QStringLiteral("grid"), stretch);
        view->resize(width, 300);
        window.resize(width, 300);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QHeaderView *header = view->horizontalHeader();
        int others = 0;
        for (int column = 0; column < model->columnCount(); ++column) {
            if (column == stretch)
                continue;
            QTRY_VERIFY2(header->sectionSize(column) >= widestText(*view, column),
                         qPrintable(QStringLiteral("column %1 is %2 px, its text %3 px")
                                        .arg(column)
                                        .arg(header->sectionSize(column))
                                        .arg(widestText(*view, column))));
            others += header->sectionSize(column);
        }
        // The statement column takes every pixel the others leave.
        QCOMPARE(header->sectionSize(stretch), view->viewport()->width() - others);
        QVERIFY(header->sectionSize(stretch) > header->defaultSectionSize());
    }

    void aCutCellShowsItsWholeTextOnHover()
    {
        QStandardItemModel model(1, 2);
        model.setHorizontalHeaderLabels({QStringLiteral("Kind"), QStringLiteral("Note")});
        model.setItem(0, 0, new QStandardItem(QStringLiteral("store")));
        model.setItem(0, 1, new QStandardItem(kLongStatement));
        QTableView *view = TableViews::create(&model, nullptr, QStringLiteral("grid"));
        std::unique_ptr<QTableView> owner(view);
        view->resize(300, 200);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view));
        const QRect cell = view->visualRect(view->model()->index(0, 1));
        QVERIFY(cell.width() < view->fontMetrics().horizontalAdvance(kLongStatement));
        QHelpEvent hover(QEvent::ToolTip, cell.center(), view->viewport()->mapToGlobal(cell.center()));
        QApplication::sendEvent(view->viewport(), &hover);
        QTRY_COMPARE(QToolTip::text(), kLongStatement);
    }

    void selectionFollowsItsPidWhenTheRowsReorder()
    {
        RunningModel model;
        model.setSnapshot(running({10, 11, 12}));
        QTableView *view = TableViews::create(&model, nullptr, QStringLiteral("running"));
        std::unique_ptr<QTableView> owner(view);
        view->selectRow(1);
        QCOMPARE(TableViews::selectedKey(view).toInt(), 11);
        model.setSnapshot(running({13, 12, 10, 11}));
        QCOMPARE(TableViews::selectedKey(view).toInt(), 11);
        QCOMPARE(model.pidAt(TableViews::selectedSourceRow(view)), 11);
    }

    void selectionFollowsItsApplicationWhenARefreshReordersInPlace()
    {
        // Same number of rows: the pool model refreshes in place, so the old index would now hold another app.
        PoolModel model;
        model.setPool(pool({QStringLiteral("bot_a"), QStringLiteral("bot_b")}));
        QTableView *view = TableViews::create(&model, nullptr, QStringLiteral("pool"));
        std::unique_ptr<QTableView> owner(view);
        view->selectRow(1);
        model.setPool(pool({QStringLiteral("bot_b"), QStringLiteral("bot_a")}));
        QCOMPARE(TableViews::selectedKey(view).toString(), QStringLiteral("bot_b"));
        QCOMPARE(TableViews::selectedSourceRow(view), 0);
    }

    void selectionGoesWithItsRow()
    {
        RunningModel model;
        model.setSnapshot(running({10, 11}));
        QTableView *view = TableViews::create(&model, nullptr, QStringLiteral("running"));
        std::unique_ptr<QTableView> owner(view);
        view->selectRow(1);
        model.setSnapshot(running({12, 10}));
        QCOMPARE(TableViews::selectedSourceRow(view), -1);
        QVERIFY(!TableViews::selectedKey(view).isValid());
        model.setSnapshot(running({11, 12, 10})); // a pid seen again later is not selected behind the operator
        QCOMPARE(TableViews::selectedSourceRow(view), -1);
    }

    void theOperatorsSortStaysAcrossRefreshes()
    {
        RunningModel model;
        model.setSnapshot(running({10, 30, 20}));
        QTableView *view = TableViews::create(&model, nullptr, QStringLiteral("running"));
        std::unique_ptr<QTableView> owner(view);
        view->sortByColumn(RunningModel::PidColumn, Qt::DescendingOrder);
        model.setSnapshot(running({5, 40, 20, 10}));
        QList<int> shown;
        for (int row = 0; row < view->model()->rowCount(); ++row)
            shown << view->model()->index(row, 0).data(ItemRole::KeyRole).toInt();
        QCOMPARE(shown, QList<int>({40, 20, 10, 5}));
    }
};

QTEST_MAIN(TestTableViews)
#include "tst_tableviews.moc"
