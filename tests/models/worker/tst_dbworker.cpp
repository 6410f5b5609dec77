// The worker runs jobs on its own thread with its own connection, reports progress, and can be cancelled.
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestDbWorker : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("store.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 25));
    }

    void jobRunsOffTheCallingThreadWithItsOwnConnection()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        QSignalSpy finished(&worker, &DbWorker::jobFinished);
        QThread *caller = QThread::currentThread();
        const quint64 id = worker.submit(QStringLiteral("count"), [caller](JobContext &ctx) -> QVariant {
            QSqlQuery q(ctx.db());
            q.exec(QStringLiteral("SELECT count(*) FROM trades"));
            q.next();
            return QVariantList{q.value(0), QThread::currentThread() != caller, ctx.db().isOpen()};
        });
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().at(0).toULongLong(), id);
        const QVariantList r = finished.first().at(1).toList();
        QCOMPARE(r.at(0).toInt(), 25);
        QVERIFY(r.at(1).toBool()); // another thread
        QVERIFY(r.at(2).toBool()); // connection opened there
    }

    void openFailureIsReportedAsJobFailure()
    {
        DbWorker worker(Target::sqliteFile(m_dir.filePath(QStringLiteral("nope.db"))), SessionOptions::monitor(),
                        QStringLiteral("test"));
        QSignalSpy failed(&worker, &DbWorker::jobFailed);
        QSignalSpy openFailed(&worker, &DbWorker::connectionFailed);
        worker.submit(QStringLiteral("x"), [](JobContext &) -> QVariant { return 1; });
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().at(1).value<Error>().code, ErrorCode::NotFound);
        QCOMPARE(openFailed.size(), 1);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("nope.db"))));
    }

    void jobReturningErrorFails()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        QSignalSpy failed(&worker, &DbWorker::jobFailed);
        worker.submit(QStringLiteral("x"), [](JobContext &) -> QVariant {
            return QVariant::fromValue(Error::make(ErrorCode::Refused, QStringLiteral("no")));
        });
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().at(1).value<Error>().code, ErrorCode::Refused);
    }

    void progressIsDelivered()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        QSignalSpy progress(&worker, &DbWorker::jobProgress);
        QSignalSpy finished(&worker, &DbWorker::jobFinished);
        worker.submit(
            QStringLiteral("steps"),
            [](JobContext &ctx) -> QVariant {
                for (int i = 1; i <= 3; ++i)
                    ctx.progress(i, 3, QStringLiteral("step"));
                return true;
            },
            false);
        QVERIFY(finished.wait(5000));
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress.last().at(1).toLongLong(), 3);
        QCOMPARE(progress.last().at(2).toLongLong(), 3);
    }

    void cancelInterruptsARunningSqliteStatement()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        QSignalSpy started(&worker, &DbWorker::jobStarted);
        QSignalSpy failed(&worker, &DbWorker::jobFailed);
        const quint64 id = worker.submit(QStringLiteral("endless"), [](JobContext &ctx) -> QVariant {
            QSqlQuery q(ctx.db());
            // Counts to 10^10: minutes of work unless interrupted.
            if (!q.exec(QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                       "WHERE x < 10000000000) SELECT count(*) FROM c")))
                return QVariant::fromValue(Error::make(ErrorCode::Cancelled, q.lastError().text()));
            return true;
        });
        QVERIFY(started.wait(5000));
        QTest::qWait(100);
        QElapsedTimer timer;
        timer.start();
        worker.cancel(id);
        QVERIFY(failed.wait(5000));
        QVERIFY(timer.elapsed() < 3000);
        QCOMPARE(failed.first().at(0).toULongLong(), id);
        QCOMPARE(failed.first().at(1).value<Error>().code, ErrorCode::Cancelled);
    }

    void cancelledBeforeStartNeverRuns()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        QSignalSpy failed(&worker, &DbWorker::jobFailed);
        QSignalSpy finished(&worker, &DbWorker::jobFinished);
        std::atomic_bool ran{false};
        // The first job occupies the thread while the second is cancelled in the queue.
        worker.submit(
            QStringLiteral("busy"),
            [](JobContext &) -> QVariant {
                QThread::msleep(200);
                return true;
            },
            false);
        const quint64 second = worker.submit(
            QStringLiteral("second"),
            [&ran](JobContext &) -> QVariant {
                ran = true;
                return true;
            },
            false);
        worker.cancel(second);
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().at(0).toULongLong(), second);
        QVERIFY(!ran);
        QCOMPARE(finished.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDbWorker)
#include "tst_dbworker.moc"
