// Retention on a real SQLite store: exact dry-run counts per time encoding, apply deletes exactly those rows
// (archiving them in the same transaction), nothing outside the policy is touched, protected tables are
// refused, a stopped job resumes to the same end state, and a bot writing meanwhile loses nothing.
#include "cleanup/retentionjournal.h"
#include "cleanup/retentionrunner.h"
#include "retentionfixture.h"
#include "sqlitefixture.h"

#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <atomic>

using namespace dbops;
using dbops::test::RetentionFixture;
using dbops::test::SqliteFixture;

namespace {

qint64 count(const QString &db, const QString &sqlTail)
{
    return SqliteFixture::scalar(db, QStringLiteral("SELECT count(*) FROM ") + sqlTail).toLongLong();
}

} // namespace

class TestRetention : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;
    const QDateTime m_now = QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);

    RetentionRequest request(const QStringList &specs, const QStringList &unlocked = {}) const
    {
        RetentionRequest r;
        r.policies = RetentionPolicy::parseAll(specs).value();
        r.unlocked = unlocked;
        r.now = m_now;
        return r;
    }
    RetentionApplyOptions quick(int batchRows = 7) const
    {
        RetentionApplyOptions o;
        o.batchRows = batchRows;
        o.targetBatchMs = 0; // fixed batches: exact batch counts
        o.pauseMs = 0;
        o.safetyBackup = false;
        return o;
    }
    RetentionPlan planOf(const QStringList &specs, const QStringList &unlocked = {}) const
    {
        auto plan = RetentionPlanner::plan(Target::sqliteFile(m_db), request(specs, unlocked));
        if (!plan)
            qWarning("%s", qPrintable(plan.error().oneLine()));
        return plan.ok() ? plan.value() : RetentionPlan{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
    }
    void init()
    {
        static int n = 0;
        m_db = m_dir.filePath(QStringLiteral("store-%1.db").arg(++n));
        QVERIFY(RetentionFixture::create(m_db, m_now));
    }

    void dryRunCountsExactly_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<QString>("encoding");
        QTest::newRow("ISO text, 7 days")
            << "market_data:timestamp:7d" << qint64(240 - 168) << qint64(240) << "iso_text";
        QTest::newRow("epoch ms, 48 h") << "candles:open_time:48h" << qint64(100 - 48) << qint64(100) << "epoch_ms";
        QTest::newRow("epoch s as REAL, 2 d")
            << "indication_states:calculated_at:2d" << qint64(12) << qint64(60) << "epoch_s";
        QTest::newRow("WITHOUT ROWID, 10 h") << "ticks:ts:10h" << qint64(20) << qint64(30) << "epoch_ms";
        QTest::newRow("nothing expired") << "market_data:timestamp:30d" << qint64(0) << qint64(240) << "iso_text";
    }
    void dryRunCountsExactly()
    {
        QFETCH(QString, policy);
        QFETCH(qint64, rows);
        QFETCH(qint64, total);
        QFETCH(QString, encoding);
        const RetentionPlan plan = planOf({policy});
        QCOMPARE(plan.tables.size(), 1);
        QCOMPARE(plan.tables[0].rows, rows);
        QCOMPARE(plan.tables[0].totalRows, total);
        QCOMPARE(plan.tables[0].encoding, encoding);
        QCOMPARE(plan.totalRows(), rows);
        QVERIFY(plan.tables[0].bytesEstimate >= 0);
    }

    void dryRunNamesOldestAndNewestExpired()
    {
        const RetentionPlan plan = planOf({QStringLiteral("market_data:timestamp:7d")});
        QCOMPARE(plan.tables[0].oldest, RetentionFixture::isoAgo(m_now, 239 * 3600 + 1800));
        QCOMPARE(plan.tables[0].newest, RetentionFixture::isoAgo(m_now, 168 * 3600 + 1800));
        QCOMPARE(plan.tables[0].newestAt, m_now.addSecs(-(168 * 3600 + 1800)));
    }

    void dryRunChangesNothing()
    {
        planOf({QStringLiteral("market_data:timestamp:1h"), QStringLiteral("candles:open_time:1h")});
        QCOMPARE(count(m_db, QStringLiteral("market_data")), 240);
        QCOMPARE(count(m_db, QStringLiteral("candles")), 100);
    }

    void applyDeletesExactlyTheExpiredRows()
    {
        const RetentionPlan plan = planOf({QStringLiteral("market_data:timestamp:7d"),
                                           QStringLiteral("candles:open_time:48h"), QStringLiteral("ticks:ts:10h")});
        const RetentionResult r = RetentionRunner::apply(plan, quick());
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(r.deleted, 72 + 52 + 20);
        QCOMPARE(r.perTable.value(QStringLiteral("market_data")), 72);
        QCOMPARE(count(m_db, QStringLiteral("market_data")), 168);
        QCOMPARE(count(m_db, QStringLiteral("candles")), 48);
        QCOMPARE(count(m_db, QStringLiteral("ticks")), 10);
        const QString cutoff = RetentionFixture::isoAgo(m_now, 7 * 86400);
        QCOMPARE(count(m_db, QStringLiteral("market_data WHERE timestamp < '%1'").arg(cutoff)), 0);
    }

    // A time column written in more than one shape (a bot's own ISO text beside SQLite's datetime('now'), or a zone
    // offset): the first row sets the cut-off's shape, and rows in another shape are judged by their instant, so a
    // row newer than the cut-off is never deleted. Each row: its age in minutes and how it is written.
    void mixedTimeShapesLoseNoNewerRow_data()
    {
        QTest::addColumn<QStringList>("rows"); // "AGE_MIN|FORMAT" (format of QDateTime::toString, in UTC or -05:00)
        QTest::addColumn<int>("expired");
        const QString iso = QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"), plain = QStringLiteral("yyyy-MM-dd HH:mm:ss");
        QTest::newRow("sample T..Z, newer rows in datetime('now') shape")
            << QStringList{"120|" + iso, "10|" + plain, "10|" + plain, "5|" + plain, "120|" + plain, "90|" + plain}
            << 3;
        QTest::newRow("sample datetime('now') shape, newer rows T..Z")
            << QStringList{"120|" + plain, "10|" + iso, "5|" + iso, "100|" + iso} << 2; // the last: an expired T row
        QTest::newRow("zone offset -05:00") << QStringList{"120|-05:00", "10|-05:00", "3|-05:00", "45|-05:00"} << 2;
    }

    void mixedTimeShapesLoseNoNewerRow()
    {
        QFETCH(QStringList, rows);
        QFETCH(int, expired);
        QStringList values;
        for (const QString &row : rows) {
            const QDateTime at = m_now.addSecs(-60 * row.section(QLatin1Char('|'), 0, 0).toLongLong());
            const QString format = row.section(QLatin1Char('|'), 1);
            const QString text = format == QLatin1String("-05:00")
                                     ? at.addSecs(-5 * 3600).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + format
                                     : at.toString(format);
            values << QStringLiteral("('%1')").arg(text);
        }
        QVERIFY(SqliteFixture::exec(m_db, QStringLiteral("CREATE TABLE error_logs (id INTEGER PRIMARY KEY, "
                                                         "created_at TEXT NOT NULL)")));
        QVERIFY(SqliteFixture::exec(m_db, QStringLiteral("INSERT INTO error_logs (created_at) VALUES ") +
                                              values.join(QLatin1Char(','))));
        const RetentionPlan plan = planOf({QStringLiteral("error_logs:created_at:30m")});
        QCOMPARE(plan.tables.size(), 1);
        QCOMPARE(plan.tables[0].rows, qint64(expired));
        const RetentionResult r = RetentionRunner::apply(plan, quick(2));
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(r.deleted, expired);
        QCOMPARE(count(m_db, QStringLiteral("error_logs")), rows.size() - expired);
        QCOMPARE(count(m_db, QStringLiteral("error_logs WHERE julianday(created_at) >= julianday('%1')")
                                 .arg(m_now.addSecs(-1800).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))),
                 rows.size() - expired);
    }

    void applyLeavesOtherTablesUntouched()
    {
        const RetentionResult r = RetentionRunner::apply(planOf({QStringLiteral("candles:open_time:1h")}), quick());
        QVERIFY(r.ok());
        QCOMPARE(count(m_db, QStringLiteral("market_data")), 240);
        QCOMPARE(count(m_db, QStringLiteral("indication_states")), 60);
        QCOMPARE(count(m_db, QStringLiteral("ticks")), 30);
        QCOMPARE(count(m_db, QStringLiteral("trades")), 50);
        QCOMPARE(count(m_db, QStringLiteral("archived_market_data")), 0);
    }

    void applyArchivesTheDeletedRows()
    {
        const RetentionResult r =
            RetentionRunner::apply(planOf({QStringLiteral("market_data:timestamp:7d:archived_market_data")}), quick());
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(r.archived, 72);
        QCOMPARE(count(m_db, QStringLiteral("archived_market_data")), 72);
        // exactly the rows that left: ids 169..240, same values, stamped
        QCOMPARE(SqliteFixture::scalar(m_db, QStringLiteral("SELECT min(id) || '-' || max(id) FROM "
                                                            "archived_market_data"))
                     .toString(),
                 QStringLiteral("169-240"));
        QCOMPARE(count(m_db, QStringLiteral("archived_market_data a JOIN market_data m USING (id)")), 0);
        QCOMPARE(count(m_db, QStringLiteral("archived_market_data WHERE close <> 100 + id - 1")), 0);
        QCOMPARE(count(m_db, QStringLiteral("archived_market_data WHERE archived_at IS NULL OR archived_at = ''")), 0);
    }

    // Deleting from the bot's trading record, or archiving other rows into it (the review's
    // "candles:open_time:30d:positions" put thousands of candles into positions): both need --unlock.
    void protectedTableIsRefused_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::newRow("deleting from it") << "trades:created_at:7d";
        QTest::newRow("archiving into it") << "market_data:timestamp:7d:trades";
    }
    void protectedTableIsRefused()
    {
        QFETCH(QString, policy);
        const qint64 marketRows = count(m_db, QStringLiteral("market_data"));
        auto plan = RetentionPlanner::plan(Target::sqliteFile(m_db), request({policy}));
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, ErrorCode::Refused);
        QVERIFY(plan.error().message.contains(QLatin1String("trades")));
        QVERIFY(plan.error().hint.contains(QLatin1String("--unlock trades")));
        QCOMPARE(count(m_db, QStringLiteral("trades")), 50);
        QCOMPARE(count(m_db, QStringLiteral("market_data")), marketRows);
    }

    void unlockedProtectedTableIsCleaned()
    {
        const RetentionPlan plan = planOf({QStringLiteral("trades:created_at:30d")}, {QStringLiteral("trades")});
        QCOMPARE(plan.tables.value(0).rows, 20); // rows 30..49 days old, ISO text with 'T' and 'Z'
        QVERIFY(RetentionRunner::apply(plan, quick()).ok());
        QCOMPARE(count(m_db, QStringLiteral("trades")), 30);
    }

    void missingTableOrColumnIsNamed_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("table") << "klines:open_time:7d"
                               << "no table klines";
        QTest::newRow("column") << "market_data:ts:7d"
                                << "has no column ts";
        QTest::newRow("archive") << "market_data:timestamp:7d:old_market_data"
                                 << "no archive table old_market_data";
        QTest::newRow("not a time") << "market_data:symbol:7d"
                                    << "does not hold times";
    }
    void missingTableOrColumnIsNamed()
    {
        QFETCH(QString, policy);
        QFETCH(QString, mentions);
        auto plan = RetentionPlanner::plan(Target::sqliteFile(m_db), request({policy}));
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message.contains(mentions), qPrintable(plan.error().oneLine()));
    }

    void stoppedJobResumesToTheSameEnd()
    {
        const Target target = Target::sqliteFile(m_db);
        const RetentionPlan plan = planOf({QStringLiteral("market_data:timestamp:7d:archived_market_data")});
        RetentionApplyOptions stop = quick(10);
        stop.maxBatches = 3;
        const RetentionResult first = RetentionRunner::apply(plan, stop);
        QCOMPARE(first.status, RetentionResult::Status::Cancelled);
        QCOMPARE(first.deleted, 30);
        // consistent in between: every row is in exactly one of the two tables
        QCOMPARE(count(m_db, QStringLiteral("market_data")) + count(m_db, QStringLiteral("archived_market_data")), 240);
        const auto journal = RetentionJournal::load(target);
        QVERIFY(journal.has_value());
        QCOMPARE(journal->now, m_now);

        RetentionRequest again = request(journal->policies);
        again.now = journal->now;
        auto resumedPlan = RetentionPlanner::plan(target, again);
        QVERIFY(resumedPlan.ok());
        QCOMPARE(resumedPlan->totalRows(), 42);
        RetentionApplyOptions resume = quick(10);
        resume.resumed = true;
        const RetentionResult second = RetentionRunner::apply(resumedPlan.value(), resume);
        QVERIFY(second.ok());
        QCOMPARE(first.deleted + second.deleted, 72);
        QCOMPARE(count(m_db, QStringLiteral("archived_market_data")), 72);
        QCOMPARE(count(m_db, QStringLiteral("market_data")), 168);
        QVERIFY(!RetentionJournal::load(target).has_value());
    }

    void cancelStopsBetweenBatches()
    {
        OpControl control;
        int reports = 0;
        control.progress = [&](qint64, qint64, const QString &what) {
            if (what.contains(QLatin1String("rows deleted")) && ++reports == 2)
                control.token.cancel();
        };
        const RetentionResult r =
            RetentionRunner::apply(planOf({QStringLiteral("candles:open_time:48h")}), quick(5), control);
        QCOMPARE(r.status, RetentionResult::Status::Cancelled);
        QCOMPARE(r.deleted, 10);
        QCOMPARE(count(m_db, QStringLiteral("candles")), 90);
    }

    void botWritingMeanwhileLosesNothing()
    {
        std::atomic_bool stop{false};
        std::atomic_int written{0};
        QThread *bot = QThread::create([&] {
            int i = 0;
            while (!stop.load()) {
                const QString ts = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
                if (SqliteFixture::exec(m_db, QStringLiteral("INSERT INTO market_data (symbol, timestamp, close) "
                                                             "VALUES ('BOT', '%1', %2)")
                                                  .arg(ts)
                                                  .arg(++i)))
                    ++written;
                QThread::msleep(2);
            }
        });
        bot->start();
        RetentionApplyOptions o = quick(3);
        o.pauseMs = 2;
        const RetentionResult r =
            RetentionRunner::apply(planOf({QStringLiteral("market_data:timestamp:7d:archived_market_data")}), o);
        stop = true;
        bot->wait();
        delete bot;
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QVERIFY(written.load() > 0);
        QCOMPARE(count(m_db, QStringLiteral("market_data WHERE symbol = 'BOT'")), written.load());
        QCOMPARE(count(m_db, QStringLiteral("market_data WHERE symbol = 'BTCUSDT'")), 168);
        QCOMPARE(count(m_db, QStringLiteral("archived_market_data")), 72);
    }

    void safetyBackupComesFirst()
    {
        RetentionApplyOptions o = quick();
        o.safetyBackup = true;
        o.backupDir = m_dir.filePath(QStringLiteral("safety"));
        const RetentionResult r = RetentionRunner::apply(planOf({QStringLiteral("candles:open_time:48h")}), o);
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QVERIFY(r.hasSafetyBackup);
        QVERIFY(QFile::exists(r.safetyBackup.path));
        QCOMPARE(SqliteFixture::scalar(r.safetyBackup.path, QStringLiteral("SELECT count(*) FROM candles")).toInt(),
                 100);
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
