// Checkpoint starvation over time on a real store: a bot-like writer commits while a second connection holds a
// read transaction (as Litestream does); the WAL samples the Activity tab takes show it growing, and the warning
// names the long reader. It goes once the reader ends, and a busy writer alone never raises it.
#include "activity/walgrowth.h"
#include "sqlitefixture.h"
#include "walstarver.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
constexpr int kBatches = 6; // ~12 MB of WAL behind a reader: three growths past the checkpoint size and more
} // namespace

class TestWalGrowth : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    static WalGrowthWatch watchOf(const QList<SqliteSample> &samples)
    {
        WalGrowthWatch watch;
        for (const SqliteSample &s : samples)
            watch.add(s);
        return watch;
    }

private Q_SLOTS:
    void init()
    {
        m_db = m_dir.filePath(QStringLiteral("trading-%1.db").arg(QTest::currentTestFunction()));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 50, true));
    }

    void aWalGrowingBehindAReaderIsStarvation()
    {
        WalStarver bot(m_db);
        QVERIFY(bot.holdReader());
        const QList<SqliteSample> samples = bot.writeAndSample(kBatches);
        QCOMPARE(samples.size(), kBatches + 1);
        const std::optional<WalGrowth> growth = watchOf(samples).current();
        QVERIFY2(growth, qPrintable(QStringLiteral("WAL %1 bytes").arg(samples.last().walBytes)));
        QVERIFY(growth->steps >= WalGrowthWatch::GrowingSteps);
        QCOMPARE(growth->toBytes, samples.last().walBytes);
        QVERIFY(growth->fromBytes < growth->toBytes);
        const QString warning = growth->warning();
        QVERIFY2(warning.contains(QLatin1String("Litestream")) && warning.contains(QLatin1String("read transaction")),
                 qPrintable(warning));
    }

    void theWarningGoesWhenTheReaderEnds()
    {
        WalStarver bot(m_db);
        QVERIFY(bot.holdReader());
        WalGrowthWatch watch = watchOf(bot.writeAndSample(kBatches));
        QVERIFY(watch.current()); // starved while the reader holds its snapshot
        QVERIFY(bot.endReader());
        // The next commit checkpoints the whole WAL; the batch after it starts the WAL over instead of growing it.
        for (int i = 0; i < 2; ++i) {
            QVERIFY(bot.writeBatch());
            watch.add(bot.sample());
        }
        QVERIFY(!watch.current());
    }

    void aBusyWriterAloneIsNoStarvation()
    {
        WalStarver bot(m_db);
        const QList<SqliteSample> samples = bot.writeAndSample(kBatches);
        QCOMPARE(samples.size(), kBatches + 1);
        QVERIFY2(!WalGrowthWatch::assess(samples), qPrintable(QStringLiteral("WAL %1").arg(samples.last().walBytes)));
    }

    void aGapEndsTheTrend()
    {
        WalStarver bot(m_db);
        QVERIFY(bot.holdReader());
        QList<SqliteSample> samples = bot.writeAndSample(kBatches);
        samples.last().gapBefore = true; // the console was closed in between: no trend across it
        QVERIFY(!WalGrowthWatch::assess(samples));
    }
};

QTEST_GUILESS_MAIN(TestWalGrowth)
#include "tst_walgrowth.moc"
