// The progress strip a panel shows for a job the operator may leave running (the Backups tab's backup and
// verify), driven by a real DbWorker thread running a file job: it follows the steps, its Cancel cancels the
// job, and it hands the result on — and it can follow one job after another.
#include "common/jobprogressstrip.h"
#include "worker/dbworker.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QThread>
#include <QtTest/QTest>
#include <atomic>

using namespace dbops;

namespace {
// Reports step 1 of 2 and waits until cancelled or released.
Job waitingJob(std::shared_ptr<std::atomic_bool> release)
{
    return [release](JobContext &c) -> QVariant {
        c.progress(1, 2, QStringLiteral("copying pages"));
        while (!release->load()) {
            if (c.isCancelled())
                return QVariant::fromValue(Error::make(ErrorCode::Cancelled, QStringLiteral("cancelled")));
            QThread::msleep(5);
        }
        return QVariant(QStringLiteral("done"));
    };
}
} // namespace

class TestJobProgressStrip : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cancelButtonCancelsTheJob()
    {
        DbWorker worker(Target{}, SessionOptions::monitor(), QStringLiteral("ops"));
        auto release = std::make_shared<std::atomic_bool>(false);
        JobProgressStrip strip(JobProgressStrip::Shape::Row);
        QSignalSpy failed(&strip, &JobProgressStrip::failed);
        strip.follow(&worker, worker.submit(QStringLiteral("backup"), waitingJob(release), false),
                     QStringLiteral("Backing up"));
        strip.show();
        QTRY_COMPARE(strip.stepText(), QStringLiteral("copying pages"));
        QCOMPARE(strip.percent(), 50);
        auto *cancel = strip.findChild<QPushButton *>(QStringLiteral("jobCancel"));
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!cancel->isEnabled());
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::Cancelled);
        QVERIFY(!strip.running());
    }

    void followsTheNextJobAfterOneEnded()
    {
        DbWorker worker(Target{}, SessionOptions::monitor(), QStringLiteral("ops"));
        auto release = std::make_shared<std::atomic_bool>(true);
        JobProgressStrip strip(JobProgressStrip::Shape::Row);
        QSignalSpy finished(&strip, &JobProgressStrip::finished);
        strip.follow(&worker, worker.submit(QStringLiteral("one"), waitingJob(release), false), QStringLiteral("1"));
        QTRY_COMPARE(finished.count(), 1);
        strip.follow(&worker, worker.submit(QStringLiteral("two"), waitingJob(release), false), QStringLiteral("2"));
        QVERIFY(strip.running());
        QVERIFY(strip.findChild<QPushButton *>(QStringLiteral("jobCancel"))->isEnabled());
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(finished.at(1).at(0).toString(), QStringLiteral("done"));
    }
};

QTEST_MAIN(TestJobProgressStrip)
#include "tst_jobprogressstrip.moc"
