// Pool history in a real state file: survives reopening, bounded retention, gaps where the console was closed.
#include "activity/activityhistory.h"
#include "activity/poolprobe.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;

namespace {

ActivitySample sample(const QDateTime &at, int active, int interval = 2000)
{
    ActivitySample s;
    s.at = at;
    s.counts.active = active;
    s.counts.idle = 2 * active;
    s.available = 97;
    s.poolMax = 20;
    s.intervalMs = interval;
    return s;
}

} // namespace

class TestActivityHistory : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);

private Q_SLOTS:
    void survivesReopeningAndMarksGaps()
    {
        const QString file = m_dir.filePath(QStringLiteral("state-gaps.db"));
        {
            ActivityHistory h(QStringLiteral("pg://a"), file);
            QVERIFY(!h.append(sample(m_t0, 1)));
            QVERIFY(!h.append(sample(m_t0.addSecs(2), 2)));
            QVERIFY(!h.append(sample(m_t0.addSecs(4), 3)));
            // console closed for ten minutes
            QVERIFY(!h.append(sample(m_t0.addSecs(604), 4)));
        }
        ActivityHistory reopened(QStringLiteral("pg://a"), file);
        auto samples = reopened.load(m_t0.addSecs(-1), m_t0.addSecs(3600));
        QVERIFY(samples);
        QCOMPARE(samples->size(), 4);
        QList<bool> gaps;
        for (const ActivitySample &s : samples.value())
            gaps << s.gapBefore;
        QCOMPARE(gaps, (QList<bool>{false, false, false, true}));
        QCOMPARE(samples->at(3).counts.active, 4);
        QCOMPARE(samples->at(3).counts.idle, 8);
        QCOMPARE(samples->at(3).poolMax, 20);
        QCOMPARE(samples->at(3).at, m_t0.addSecs(604));
    }

    void keepsTargetsApart()
    {
        const QString file = m_dir.filePath(QStringLiteral("state-targets.db"));
        QVERIFY(!ActivityHistory(QStringLiteral("pg://a"), file).append(sample(m_t0, 1)));
        QVERIFY(!ActivityHistory(QStringLiteral("pg://b"), file).append(sample(m_t0, 9)));
        auto a = ActivityHistory(QStringLiteral("pg://a"), file).load(m_t0.addSecs(-1), m_t0.addSecs(1));
        QCOMPARE(a->size(), 1);
        QCOMPARE(a->first().counts.active, 1);
    }

    void boundedRetention()
    {
        const QString file = m_dir.filePath(QStringLiteral("state-retention.db"));
        ActivityHistory h(QStringLiteral("pg://a"), file);
        h.setRetentionSeconds(60);
        for (int i = 0; i <= 100; ++i)
            QVERIFY(!h.append(sample(m_t0.addSecs(i), i, 1000)));
        auto samples = h.load(m_t0.addSecs(-1000), m_t0.addSecs(1000));
        QVERIFY(samples);
        QCOMPARE(samples->size(), 61); // the last minute, both ends included
        QCOMPARE(samples->first().at, m_t0.addSecs(40));
    }

    void sqliteSamplesSurviveReopeningWithGaps()
    {
        const QString file = m_dir.filePath(QStringLiteral("state-sqlite.db"));
        auto walSample = [&](int seconds, qint64 wal, int locks) {
            SqliteSample s;
            s.at = m_t0.addSecs(seconds);
            s.walBytes = wal;
            s.writeLocksHeld = locks;
            s.lockProbeMs = 0.25 * seconds;
            s.holders = 2;
            s.checkpointsBusy = locks;
            s.intervalMs = 1000;
            return s;
        };
        {
            ActivityHistory h(QStringLiteral("/srv/bot/data/trading.db"), file);
            QVERIFY(!h.appendSqlite(walSample(0, 4096, 0)));
            QVERIFY(!h.appendSqlite(walSample(1, 8192, 1)));
            QVERIFY(!h.appendSqlite(walSample(301, 32, 0))); // console closed for five minutes
            QVERIFY(!h.append(sample(m_t0, 5)));             // PostgreSQL samples are kept apart
        }
        ActivityHistory reopened(QStringLiteral("/srv/bot/data/trading.db"), file);
        auto samples = reopened.loadSqlite(m_t0.addSecs(-1), m_t0.addSecs(3600));
        QVERIFY(samples);
        QCOMPARE(samples->size(), 3);
        QCOMPARE(samples->at(1).walBytes, qint64(8192));
        QCOMPARE(samples->at(1).writeLocksHeld, 1);
        QCOMPARE(samples->at(1).lockProbeMs, 0.25);
        QCOMPARE(samples->at(1).holders, 2);
        QCOMPARE(samples->at(1).checkpointsBusy, 1);
        QVERIFY(!samples->at(1).gapBefore);
        QVERIFY(samples->at(2).gapBefore);
        QCOMPARE(reopened.load(m_t0.addSecs(-1), m_t0.addSecs(3600))->size(), 1);
    }

    void sqliteSampleSumsTheStoresOfADataDirectory()
    {
        PoolSnapshot pool;
        pool.at = m_t0;
        SqlitePool a;
        a.walBytes = 1000;
        a.writeLock = SqlitePool::WriteLock::Held;
        a.lockProbeMs = 0.5;
        a.holders.holders = {FileHolder{101, {}, {}, {}, false}, FileHolder{4242, {}, {}, {}, true}};
        SqlitePool b;
        b.walBytes = 24;
        b.writeLock = SqlitePool::WriteLock::Free;
        b.lockProbeMs = 2.0;
        b.checkpoint.ran = true;
        b.checkpoint.busy = true;
        b.holders.holders = {FileHolder{101, {}, {}, {}, false}, FileHolder{102, {}, {}, {}, false}};
        pool.sqlite = {a, b};
        const SqliteSample s = SqliteSample::fromPool(pool, 2000);
        QCOMPARE(s.at, m_t0);
        QCOMPARE(s.walBytes, qint64(1024));
        QCOMPARE(s.writeLocksHeld, 1);
        QCOMPARE(s.lockProbeMs, 2.0);
        QCOMPARE(s.holders, 2); // 101 and 102; the console itself is not counted
        QCOMPARE(s.checkpointsBusy, 1);
        QCOMPARE(s.intervalMs, 2000);
    }
};

QTEST_GUILESS_MAIN(TestActivityHistory)
#include "tst_activityhistory.moc"
