// The operator's saved SQLite probe queries in a real state file: per profile (or store), in the order they
// were added, duplicates ignored, removed one by one or all at once; and timed by the probes like the defaults.
#include "activity/probestore.h"
#include "activity/sqliteprobes.h"
#include "sqlitefixture.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {

Target profileTarget(const QString &profile, const QString &path)
{
    Target t = Target::sqliteFile(path);
    t.profileName = profile;
    return t;
}

} // namespace

class TestProbeStore : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    ProbeStore store() const { return ProbeStore(m_dir.filePath(QStringLiteral("state.db"))); }

private Q_SLOTS:
    void savedPerProfileInOrder()
    {
        const Target prod = profileTarget(QStringLiteral("prod-bot"), QStringLiteral("/srv/bot/data/trading.db"));
        const Target paper = profileTarget(QStringLiteral("paper-bot"), QStringLiteral("/srv/bot/data/trading.db"));
        QVERIFY(!store().add(prod, {QStringLiteral("SELECT 1"), QStringLiteral(" SELECT 2 ")}));
        QVERIFY(!store().add(prod, {QStringLiteral("SELECT 1")})); // already there
        QVERIFY(!store().add(paper, {QStringLiteral("SELECT 3")}));
        QCOMPARE(store().load(prod).value(), (QStringList{QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")}));
        QCOMPARE(store().load(paper).value(), QStringList{QStringLiteral("SELECT 3")});
        QVERIFY(store().load(Target::sqliteFile(QStringLiteral("/srv/bot/data/trading.db"))).value().isEmpty());
        QCOMPARE(ProbeStore::keyFor(prod), QStringLiteral("profile:prod-bot"));
    }

    void removeOneOrAll()
    {
        const Target t = Target::sqliteFile(m_dir.filePath(QStringLiteral("store.db")));
        QVERIFY(!store().add(t, {QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")}));
        QVERIFY(!store().remove(t, QStringLiteral("SELECT 1")));
        QCOMPARE(store().load(t).value(), QStringList{QStringLiteral("SELECT 2")});
        QVERIFY(!store().clear(t));
        QVERIFY(store().load(t).value().isEmpty());
    }

    void anEmptyQueryIsAUsageError()
    {
        const Error e = store().add(Target::sqliteFile(QStringLiteral("/x.db")), {QStringLiteral("  ")});
        QCOMPARE(e.code, ErrorCode::Usage);
    }

    void aSavedProbeIsTimedWithAFullScanFinding()
    {
        const QString db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 12000, true));
        const Target t = Target::sqliteFile(db);
        const QString mine = QStringLiteral("SELECT * FROM trades WHERE symbol = 'BTCUSDT'");
        QVERIFY(!store().add(t, {mine}));
        SlowOptions options;
        options.sqliteProbes = store().load(t).value();
        auto snap = SqliteProbes::collect(t, SessionOptions::monitor(), options);
        QVERIFY(snap);
        const StatementStat &probe = snap->statements.last();
        QCOMPARE(probe.name, QStringLiteral("probe 1"));
        QCOMPARE(probe.query, mine);
        QCOMPARE(probe.calls, qint64(1));
        QVERIFY(probe.totalMs > 0);
        QCOMPARE(probe.findings, QStringList{QStringLiteral("full scan of trades (~12000 rows)")});
        QCOMPARE(probe.severity, Severity::Warning);
    }
};

QTEST_GUILESS_MAIN(TestProbeStore)
#include "tst_probestore.moc"
