// The console's item models: each passes QAbstractItemModelTester while it changes, and carries meaning
// (severity, sort values) in its roles.
#include "core/format.h"
#include "item/auditmodel.h"
#include "item/discoverymodel.h"
#include "item/itemroles.h"
#include "item/logfilterproxy.h"
#include "item/logmodel.h"
#include "item/originmodel.h"
#include "item/overviewstoresmodel.h"
#include "item/profilelistmodel.h"
#include "item/tablenamesmodel.h"

#include <QAbstractItemModelTester>
#include <QtTest/QTest>

using namespace dbops;

namespace {
LogRecord record(const QString &level, const QString &message)
{
    return {QDateTime::currentDateTime(), level, QStringLiteral("dbops"), message};
}

DiscoveredItem lockItem(qint64 pid, bool alive)
{
    DiscoveredItem item;
    item.kind = DiscoveredItem::Kind::LockFile;
    item.path = QStringLiteral("/data/trading/.writer.lock");
    item.relativePath = QStringLiteral("trading/.writer.lock");
    item.pid = pid;
    item.pidAlive = alive;
    item.lockAlive = alive;
    return item;
}

Overview dataDirOverview()
{
    Overview a;
    a.engine = QStringLiteral("sqlite");
    a.database = QStringLiteral("/data/trading/trading.db");
    a.tables = {QStringLiteral("orders"), QStringLiteral("trades")};
    a.sizeBytes = 4096;
    Overview b;
    b.engine = QStringLiteral("sqlite");
    b.database = QStringLiteral("/data/signals/signals.db");
    b.tables = {QStringLiteral("signals")};
    b.sizeBytes = 1024;
    b.walBytes = 8192;
    Overview total;
    total.engine = QStringLiteral("sqlite");
    total.database = QStringLiteral("/data");
    total.stores = {a, b};
    total.tables = {QStringLiteral("trading/trading.db:orders"), QStringLiteral("trading/trading.db:trades"),
                    QStringLiteral("signals/signals.db:signals")};
    return total;
}
} // namespace

class TestItemModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void logModelPassesTesterWhileCapped()
    {
        LogModel model(3);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 0; i < 5; ++i)
            model.append(record(QStringLiteral("info"), QString::number(i)));
        model.setRecords({record(QStringLiteral("warning"), QStringLiteral("w"))});
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void logModelDropsOldestPastCapacity()
    {
        LogModel model(3);
        for (int i = 0; i < 5; ++i)
            model.append(record(QStringLiteral("info"), QString::number(i)));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, LogModel::MessageColumn).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(2, LogModel::MessageColumn).data().toString(), QStringLiteral("4"));
    }

    void logModelSeverityFollowsLevel_data()
    {
        QTest::addColumn<QString>("level");
        QTest::addColumn<int>("severity");
        QTest::newRow("debug") << "debug" << int(Severity::Quiet);
        QTest::newRow("info") << "info" << int(Severity::Normal);
        QTest::newRow("warning") << "warning" << int(Severity::Warning);
        QTest::newRow("error") << "error" << int(Severity::Critical);
        QTest::newRow("critical") << "critical" << int(Severity::Critical);
    }

    void logModelSeverityFollowsLevel()
    {
        QFETCH(QString, level);
        QFETCH(int, severity);
        LogModel model;
        model.append(record(level, QStringLiteral("m")));
        QCOMPARE(model.index(0, 0).data(ItemRole::SeverityRole).toInt(), severity);
    }

    void logFilterHidesLowerLevels()
    {
        LogModel model;
        LogFilterProxy filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(record(QStringLiteral("debug"), QStringLiteral("d")));
        model.append(record(QStringLiteral("info"), QStringLiteral("i")));
        model.append(record(QStringLiteral("error"), QStringLiteral("e")));
        QCOMPARE(filter.rowCount(), 3);
        filter.setMinimumLevel(LogModel::levelRank(QStringLiteral("warning")));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, LogModel::MessageColumn).data().toString(), QStringLiteral("e"));
    }

    void discoveryModelPassesTester()
    {
        DiscoveryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        DiscoveredItem db;
        db.path = QStringLiteral("/data/trading/trading.db");
        db.relativePath = QStringLiteral("trading/trading.db");
        db.bytes = 1 << 20;
        model.setItems({db, lockItem(4242, false)});
        QCOMPARE(model.rowCount(), 2);
        model.setItems({});
        QCOMPARE(model.rowCount(), 0);
    }

    void discoveryModelMarksStaleLock()
    {
        DiscoveryModel model;
        model.setItems({lockItem(4242, false), lockItem(1, true)});
        QCOMPARE(model.index(0, DiscoveryModel::LockColumn).data().toString(), QStringLiteral("PID 4242 · stale"));
        QCOMPARE(model.index(0, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Warning));
        QCOMPARE(model.index(1, DiscoveryModel::LockColumn).data().toString(), QStringLiteral("PID 1 · alive"));
        QCOMPARE(model.index(1, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Good));
    }

    void discoveryModelSaysDuckDbIsListedOnly()
    {
        DiscoveredItem duck;
        duck.kind = DiscoveredItem::Kind::DuckDb;
        duck.relativePath = QStringLiteral("market_data/candles.duckdb");
        DiscoveryModel model;
        model.setItems({duck});
        QCOMPARE(model.index(0, DiscoveryModel::NoteColumn).data().toString(),
                 QStringLiteral("listed only — Qt SQL has no DuckDB driver"));
    }

    void discoveryModelAgeIsRelativeToScanTime()
    {
        DiscoveredItem db;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        db.modified = now.addSecs(-3 * 3600);
        DiscoveryModel model;
        model.setItems({db}, now);
        QCOMPARE(model.index(0, DiscoveryModel::AgeColumn).data().toString(), QStringLiteral("3 h ago"));
    }

    void originModelPassesTesterAndQuietsDefaults()
    {
        OriginModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOrigins({{QStringLiteral("engine"), QStringLiteral("sqlite"), QStringLiteral("DATABASE_TYPE")},
                          {QStringLiteral("host"), QString(), QStringLiteral("libpq default")}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, OriginModel::SourceColumn).data().toString(), QStringLiteral("DATABASE_TYPE"));
        QCOMPARE(model.index(0, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Normal));
        QCOMPARE(model.index(1, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Quiet));
    }

    void auditModelPassesTesterAndRatesOutcome()
    {
        AuditModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        AuditRecord ok;
        ok.at = QDateTime::currentDateTimeUtc();
        ok.action = QStringLiteral("backup");
        ok.outcome = QStringLiteral("ok");
        AuditRecord failed = ok;
        failed.outcome = QStringLiteral("failed");
        model.setRecords({ok, failed});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, AuditModel::ActionColumn).data().toString(), QStringLiteral("backup"));
        QCOMPARE(model.index(0, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Good));
        QCOMPARE(model.index(1, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Critical));
    }

    void overviewStoresModelListsStoresRelativeToDirectory()
    {
        OverviewStoresModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOverview(dataDirOverview());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, OverviewStoresModel::StoreColumn).data().toString(),
                 QStringLiteral("trading/trading.db"));
        QCOMPARE(model.index(0, OverviewStoresModel::TablesColumn).data().toInt(), 2);
        // signals.db's WAL is larger than its file: checkpoints are behind.
        QCOMPARE(model.index(1, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Warning));
    }

    // A DuckDB file is listed, never opened: the row says so instead of showing an empty version and 0 tables.
    void overviewStoresModelMarksADuckDbFileAsListedOnly()
    {
        Overview dir = dataDirOverview();
        Overview duck;
        duck.engine = QStringLiteral("duckdb");
        duck.database = QStringLiteral("/data/market_data/candles.duckdb");
        duck.note = QStringLiteral("DuckDB: listed only, Qt SQL has no DuckDB driver");
        duck.sizeBytes = 4096;
        dir.stores << duck;
        OverviewStoresModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOverview(dir);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2, OverviewStoresModel::VersionColumn).data().toString(), QStringLiteral("DuckDB"));
        QCOMPARE(model.index(2, OverviewStoresModel::TablesColumn).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(2, OverviewStoresModel::TablesColumn).data(Qt::ToolTipRole).toString(), duck.note);
        QCOMPARE(model.index(0, OverviewStoresModel::TablesColumn).data().toInt(), 2);
    }

    void tableNamesModelNamesStorePerTable()
    {
        TableNamesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOverview(dataDirOverview());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2, TableNamesModel::TableColumn).data().toString(), QStringLiteral("signals"));
        QCOMPARE(model.index(2, TableNamesModel::StoreColumn).data().toString(), QStringLiteral("signals/signals.db"));
    }

    void profileListPutsUnsavedCurrentFirst()
    {
        ProfileListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Profile prod;
        prod.name = QStringLiteral("prod");
        prod.target = Target::sqliteFile(QStringLiteral("/srv/bot/data/trading.db"));
        model.setProfiles({prod});
        QCOMPARE(model.rowCount(), 1);
        model.setCurrent(Target::sqliteFile(QStringLiteral("/tmp/other.db")));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("other.db"));
        QVERIFY(model.index(0).data(ProfileListModel::IsCurrentRole).toBool());
        QVERIFY(!model.index(0).data(ProfileListModel::IsSavedRole).toBool());
        QCOMPARE(model.targetAt(1).profileName, QStringLiteral("prod"));
    }

    void profileListMarksSavedCurrent()
    {
        ProfileListModel model;
        Profile prod;
        prod.name = QStringLiteral("prod");
        prod.target = Target::sqliteFile(QStringLiteral("/srv/bot/data/trading.db"));
        model.setProfiles({prod});
        model.setCurrent(prod.target);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOfCurrent(), 0);
        QVERIFY(model.index(0).data(ProfileListModel::IsCurrentRole).toBool());
    }

    void formatBytesAndDurations()
    {
        QCOMPARE(Format::bytes(512), QStringLiteral("512 B"));
        QCOMPARE(Format::bytes(4096), QStringLiteral("4.0 KiB"));
        QCOMPARE(Format::bytes(50 * 1024 * 1024), QStringLiteral("50 MiB"));
        QCOMPARE(Format::duration(2 * 86400 + 3 * 3600), QStringLiteral("2 d 3 h"));
        QCOMPARE(Format::duration(-1), QStringLiteral("—"));
    }
};

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_itemmodels.moc"
