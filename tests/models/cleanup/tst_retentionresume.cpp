// The rules for an interrupted retention job, kept in one place for the Cleanup tab and `dbops cleanup`: a
// resume plans the job's own policies from its own cut-off, keeps its protected tables unlocked, refuses other
// policies or a missing job; a new apply is refused while one waits; discard forgets it.
#include "cleanup/retentionresume.h"
#include "retentionfixture.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::RetentionFixture;

class TestRetentionResume : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;
    const QDateTime m_now = QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);

    RetentionJournal journal(const QStringList &policies) const
    {
        RetentionJournal j;
        j.target = Target::sqliteFile(m_db).display();
        j.now = m_now;
        j.startedAt = m_now.addSecs(60);
        j.policies = policies;
        return j;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
        m_db = m_dir.filePath(QStringLiteral("store.db"));
        QVERIFY(RetentionFixture::create(m_db, m_now));
    }

    void resumePlansTheJobsOwnPoliciesAndCutoff()
    {
        const auto r =
            RetentionResume::request(Target::sqliteFile(m_db), journal({QStringLiteral("market_data:timestamp:7d")}));
        QVERIFY2(r, qPrintable(r.error().oneLine()));
        QCOMPARE(r->policies.size(), 1);
        QCOMPARE(r->policies.first().table, QStringLiteral("market_data"));
        QCOMPARE(r->now, m_now);
        QVERIFY(r->unlocked.isEmpty());
    }

    void resumeKeepsProtectedTablesUnlocked()
    {
        const Target store = Target::sqliteFile(m_db);
        const auto r = RetentionResume::request(store, journal({QStringLiteral("trades:created_at:30d")}), {},
                                                {QStringLiteral("orders")});
        QVERIFY2(r, qPrintable(r.error().oneLine()));
        QCOMPARE(r->unlocked, (QStringList{QStringLiteral("orders"), QStringLiteral("trades")}));
        // the planner takes it: the interrupted job was allowed to touch trades
        QVERIFY(!RetentionPlanner::checkProtected(r->policies, r->unlocked));
    }

    void resumeRefusesOtherPolicies()
    {
        const auto r =
            RetentionResume::request(Target::sqliteFile(m_db), journal({QStringLiteral("market_data:timestamp:7d")}),
                                     {QStringLiteral("market_data:timestamp:1d")});
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Usage);
        QVERIFY(r.error().message.contains(QLatin1String("market_data:timestamp:7d")));
    }

    void resumeWithoutAnInterruptedJobIsUsageError()
    {
        const auto r = RetentionResume::request(Target::sqliteFile(m_db), std::nullopt);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Usage);
        QVERIFY(r.error().message.contains(QLatin1String("no interrupted cleanup")));
    }

    void newApplyIsRefusedWhileAJobWaits()
    {
        const Target store = Target::sqliteFile(m_db);
        QVERIFY(!RetentionResume::refuseNewApply(store, std::nullopt));
        const Error e = RetentionResume::refuseNewApply(store, journal({QStringLiteral("market_data:timestamp:7d")}));
        QCOMPARE(e.code, ErrorCode::Refused);
        QVERIFY(e.hint.contains(QLatin1String("--resume")));
    }

    void discardForgetsTheJob()
    {
        const Target store = Target::sqliteFile(m_db);
        QVERIFY(!journal({QStringLiteral("market_data:timestamp:7d")}).save(store));
        QVERIFY(RetentionJournal::load(store).has_value());
        QVERIFY(RetentionResume::discard(store));
        QVERIFY(!RetentionJournal::load(store).has_value());
        QVERIFY(!RetentionResume::discard(store));
    }
};

QTEST_GUILESS_MAIN(TestRetentionResume)
#include "tst_retentionresume.moc"
