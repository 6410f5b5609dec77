// One health scan, the entry point both the Health tab and `dbops health` call: a scan that read table sizes
// appends exactly one history point, one without sizes none; a history that cannot be written leaves the
// report standing; as a worker job it records exactly once too.
#include "schema/healthhistory.h"
#include "schema/healthscan.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestHealthScan : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

    HealthScanRequest request(const QString &history, bool sizes = true) const
    {
        HealthScanRequest r;
        r.target = Target::sqliteFile(m_db);
        r.options.sizes = sizes;
        r.historyFile = history;
        return r;
    }
    QString historyFile(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".jsonl")); }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 25));
    }

    void sizedScanAppendsExactlyOnePoint()
    {
        const QString file = historyFile(QStringLiteral("sized"));
        auto scan = HealthScan::run(request(file));
        QVERIFY2(scan, qPrintable(scan.error().oneLine()));
        QVERIFY(scan->recorded);
        const QList<HealthSnapshot> points = HealthHistory(file).load();
        QCOMPARE(points.size(), 1);
        QVERIFY(points.first().tableRows.contains(QStringLiteral("trades")));
    }

    void scanWithoutSizesAppendsNothing()
    {
        const QString file = historyFile(QStringLiteral("quick"));
        auto scan = HealthScan::run(request(file, false));
        QVERIFY2(scan, qPrintable(scan.error().oneLine()));
        QVERIFY(!scan->recorded);
        QVERIFY(!QFile::exists(file));
    }

    void unwritableHistoryKeepsTheReport()
    {
        QFile blocker(m_dir.filePath(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        // a file where the history's folder would be: the point cannot be written
        auto scan = HealthScan::run(request(m_dir.filePath(QStringLiteral("blocker/h.jsonl"))));
        QVERIFY2(scan, qPrintable(scan.error().oneLine()));
        QVERIFY(scan->historyError);
        QVERIFY(!scan->recorded);
        QVERIFY(!scan->report.tables.isEmpty());
    }

    void workerJobAppendsExactlyOnePoint()
    {
        const QString file = historyFile(QStringLiteral("job"));
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        QSignalSpy finished(&worker, &DbWorker::jobFinished);
        worker.submit(QStringLiteral("health"), HealthScan::job(request(file)));
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.first().at(1).canConvert<HealthReport>());
        QCOMPARE(HealthHistory(file).load().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHealthScan)
#include "tst_healthscan.moc"
