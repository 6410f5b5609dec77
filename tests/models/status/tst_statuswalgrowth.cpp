// The status board's "wal" row over time, on a real store: the samples the console recorded while a reader
// starved the bot's checkpoints (a real second connection holding a read transaction, as Litestream does) turn
// the row into a warning that names the long reader and what to do; once the reader has ended it is ok again.
#include "activity/activityhistory.h"
#include "activity/walgrowth.h"
#include "sqlitefixture.h"
#include "status/statusevaluator.h"
#include "walstarver.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
constexpr int kBatches = 6; // as tst_walgrowth: the WAL grows past the checkpoint size three times and more
} // namespace

class TestStatusWalGrowth : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

    // A fresh store in WAL mode, its reader holding a snapshot while the writer commits kBatches batches, each
    // sample recorded in the console's history as the Activity tab records it.
    static bool recordStarvedStore(const QString &store, WalStarver &bot)
    {
        const ActivityHistory history(Target::sqliteFile(store).toSpec());
        if (!bot.holdReader())
            return false;
        for (const SqliteSample &s : bot.writeAndSample(kBatches))
            if (history.appendSqlite(s))
                return false;
        return true;
    }

    static StatusCheck walRow(const QString &store)
    {
        const StatusBoard board = StatusEvaluator::evaluate(StatusRequest::forTarget(Target::sqliteFile(store)));
        const StatusCheck *wal = board.find(QStringLiteral("wal"));
        return wal ? *wal : StatusCheck{};
    }

    QString freshStore()
    {
        const QString dir = m_home.filePath(QLatin1String(QTest::currentTestFunction()));
        QDir().mkpath(dir);
        const QString store = dir + QStringLiteral("/trading.db");
        return SqliteFixture::createTradingStore(store, 50, true) ? store : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_home.filePath(QLatin1String(var)).toUtf8());
    }

    void walRowWarnsWhileAReaderStarvesCheckpoints()
    {
        const QString store = freshStore();
        QVERIFY(!store.isEmpty());
        WalStarver bot(store);
        QVERIFY(recordStarvedStore(store, bot));
        QVERIFY(bot.writeBatch()); // still growing when the status looks
        const StatusCheck wal = walRow(store);
        QCOMPARE(wal.name, QStringLiteral("wal"));
        QCOMPARE(wal.state, CheckState::Warning);
        QVERIFY2(wal.reason.contains(QLatin1String("checkpoint starvation")) &&
                     wal.reason.contains(QLatin1String("Litestream")),
                 qPrintable(wal.reason));
    }

    void walRowIsOkOnceTheReaderEnds()
    {
        const QString store = freshStore();
        QVERIFY(!store.isEmpty());
        WalStarver bot(store);
        QVERIFY(recordStarvedStore(store, bot));
        QVERIFY(bot.endReader());
        const ActivityHistory history(Target::sqliteFile(store).toSpec());
        for (int i = 0; i < 2; ++i) { // the checkpoint after the reader, then a batch into the restarted WAL
            QVERIFY(bot.writeBatch());
            QVERIFY(!history.appendSqlite(bot.sample()));
        }
        const StatusCheck wal = walRow(store);
        QCOMPARE(wal.state, CheckState::Ok);
        QVERIFY2(!wal.reason.contains(QLatin1String("starvation")), qPrintable(wal.reason));
    }
};

QTEST_GUILESS_MAIN(TestStatusWalGrowth)
#include "tst_statuswalgrowth.moc"
