// The compare window's table (live database against a side instance): the newest timestamp of each table reads as
// the console's other times do (the operator's local time, to the second), whatever PostgreSQL's text for it; the
// value as PostgreSQL gave it stays in the tooltip. Local time here is India's (+05:30, no daylight saving).
#include "item/tablecomparemodel.h"

#include <QAbstractItemModelTester>
#include <QtTest/QTest>

using namespace dbops;

namespace {
CompareResult oneTable(const QString &newest)
{
    TableDiff t;
    t.table = QStringLiteral("public.trades");
    t.live = {12, newest, QStringLiteral("created_at")};
    t.other = {11, newest, QStringLiteral("created_at")};
    CompareResult r;
    r.tables = {t};
    return r;
}
} // namespace

class TestTableCompareModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qputenv("TZ", "Asia/Kolkata");
        QCOMPARE(QDateTime(QDate(2026, 12, 5), QTime(8, 0), QTimeZone::utc()).toLocalTime().time(), QTime(13, 30));
    }

    void newestReadsAsTheConsolesTimes_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("shown");
        QTest::newRow("timestamptz, microseconds") << "2026-12-05 08:12:33.123456+00"
                                                   << "2026-12-05 13:42:33";
        QTest::newRow("timestamptz, another offset") << "2026-12-05 10:12:33.5+02"
                                                     << "2026-12-05 13:42:33";
        QTest::newRow("timestamp without time zone: UTC") << "2026-12-05 08:12:33"
                                                          << "2026-12-05 13:42:33";
        QTest::newRow("epoch seconds") << "1796458353"
                                       << "2026-12-05 13:42:33";
        QTest::newRow("epoch milliseconds") << "1796458353123"
                                            << "2026-12-05 13:42:33";
        QTest::newRow("not a time: as stored") << "batch-42"
                                               << "batch-42";
        QTest::newRow("no dated row") << ""
                                      << "—";
    }
    void newestReadsAsTheConsolesTimes()
    {
        QFETCH(QString, stored);
        QFETCH(QString, shown);
        TableCompareModel model;
        QAbstractItemModelTester tester(&model);
        model.setResult(oneTable(stored));
        QCOMPARE(model.index(0, TableCompareModel::NewestLiveColumn).data().toString(), shown);
        QCOMPARE(model.index(0, TableCompareModel::NewestSideColumn).data().toString(), shown);
    }

    void toolTipKeepsTheValueAsStored_data() { newestReadsAsTheConsolesTimes_data(); }
    void toolTipKeepsTheValueAsStored()
    {
        QFETCH(QString, stored);
        TableCompareModel model;
        model.setResult(oneTable(stored));
        for (int column : {TableCompareModel::NewestLiveColumn, TableCompareModel::NewestSideColumn}) {
            const QStringList tip = model.index(0, column).data(Qt::ToolTipRole).toString().split(QLatin1Char('\n'));
            QCOMPARE(tip.size(), stored.isEmpty() ? 1 : 2);
            if (!stored.isEmpty())
                QCOMPARE(tip.first(), stored);
            QCOMPARE(tip.last(), QStringLiteral("public.trades differs (newest by created_at)"));
        }
    }
};

QTEST_GUILESS_MAIN(TestTableCompareModel)
#include "tst_tablecomparemodel.moc"
