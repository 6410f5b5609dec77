// The status board's "last proven restore" row, judged from the catalog's drill records: never drilled is not
// set up; a proven restore is ok, then a warning past 7 days and critical past 14 (or the profile's days); a
// failed last drill is critical.
#include "status/statusrules.h"

#include <QtTest>

using namespace dbops;

namespace {

const QString kStore = QStringLiteral("/bots/trading.db");
const QDateTime kNow = QDateTime(QDate(2026, 12, 4), QTime(12, 0), Qt::UTC);

CatalogEntry drilled(const QString &sourceId, qint64 secondsAgo, bool passed)
{
    CatalogEntry e;
    e.path = QStringLiteral("/backups/b%1.db").arg(secondsAgo);
    e.manifest.sourceId = sourceId;
    e.manifest.createdAt = kNow.addSecs(-secondsAgo - 60);
    e.state = Verification::State::Verified;
    e.manifest.drill.at = kNow.addSecs(-secondsAgo);
    e.manifest.drill.passed = passed;
    e.manifest.drill.restoreMs = 2100;
    e.manifest.drill.tables = 14;
    e.manifest.drill.countsMatch = passed;
    if (!passed)
        e.manifest.drill.problems << QStringLiteral("row_counts: trades has 9 rows, the manifest says 10");
    return e;
}

StatusRequest request(qint64 warnDays = 7, qint64 criticalDays = 14)
{
    StatusRequest r;
    r.now = kNow;
    r.thresholds.drillWarnSeconds = warnDays * 86400;
    r.thresholds.drillCriticalSeconds = criticalDays * 86400;
    return r;
}

} // namespace

class TestStatusDrillRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void judged_data()
    {
        QTest::addColumn<QList<CatalogEntry>>("catalog");
        QTest::addColumn<qint64>("warnDays");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("reason");
        const qint64 day = 86400;
        QTest::newRow("never drilled") << QList<CatalogEntry>{} << qint64(7) << int(CheckState::Neutral)
                                       << "no restore drill yet";
        QTest::newRow("another store's drill") << QList<CatalogEntry>{drilled(QStringLiteral("/other.db"), 3600, true)}
                                               << qint64(7) << int(CheckState::Neutral) << "no restore drill yet";
        QTest::newRow("proven 3 h ago") << QList<CatalogEntry>{drilled(kStore, 3 * 3600, true)} << qint64(7)
                                        << int(CheckState::Ok)
                                        << "last proven restore: 3 h ago, 2,100 ms, 14 table(s), counts match";
        QTest::newRow("proven 8 d ago") << QList<CatalogEntry>{drilled(kStore, 8 * day, true)} << qint64(7)
                                        << int(CheckState::Warning) << "last proven restore: 8 d ago";
        QTest::newRow("proven 15 d ago") << QList<CatalogEntry>{drilled(kStore, 15 * day, true)} << qint64(7)
                                         << int(CheckState::Critical) << "last proven restore: 15 d ago";
        QTest::newRow("profile's 2 days") << QList<CatalogEntry>{drilled(kStore, 3 * day, true)} << qint64(2)
                                          << int(CheckState::Warning) << "3 d ago";
        QTest::newRow("last drill failed")
            << QList<CatalogEntry>{drilled(kStore, 3600, false), drilled(kStore, 2 * day, true)} << qint64(7)
            << int(CheckState::Critical) << "the last restore drill failed 1 h ago: row_counts";
        QTest::newRow("an older failure, a newer proof")
            << QList<CatalogEntry>{drilled(kStore, 2 * day, false), drilled(kStore, 3600, true)} << qint64(7)
            << int(CheckState::Ok) << "last proven restore: 1 h ago";
    }
    void judged()
    {
        QFETCH(QList<CatalogEntry>, catalog);
        QFETCH(qint64, warnDays);
        QFETCH(int, state);
        QFETCH(QString, reason);
        const StatusCheck c = StatusRules::drill(catalog, kStore, request(warnDays));
        QCOMPARE(c.name, QStringLiteral("restore_drill"));
        QVERIFY2(c.reason.contains(reason), qPrintable(c.reason));
        QCOMPARE(int(c.state), state);
    }

    void aProvenBackupWhoseVerificationFailedSinceIsNoProof()
    {
        CatalogEntry e = drilled(kStore, 3600, true);
        e.state = Verification::State::Failed;
        const StatusCheck c = StatusRules::drill(QList<CatalogEntry>{e}, kStore, request());
        QCOMPARE(c.state, CheckState::Critical);
        QVERIFY2(c.reason.contains(QLatin1String("no proven restore")), qPrintable(c.reason));
    }
};

QTEST_GUILESS_MAIN(TestStatusDrillRules)
#include "tst_statusdrillrules.moc"
