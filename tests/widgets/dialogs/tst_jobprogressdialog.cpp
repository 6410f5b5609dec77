// The progress dialog of long jobs, driven by a real DbWorker thread running a file job (no database): it
// shows the job's steps and share done, its Cancel button cancels the job, and it hands the result on.
#include "dialogs/jobprogressdialog.h"
#include "worker/dbworker.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QThread>
#include <QtTest/QTest>
#include <atomic>

using namespace dbops;

namespace {
// Reports progress (step k of `steps`) and then waits, until cancelled or released.
Job steppingJob(int steps, std::shared_ptr<std::atomic_bool> release)
{
    return [steps, release](JobContext &c) -> QVariant {
        for (int k = 1; k <= steps; ++k)
            c.progress(k, steps * 2, QStringLiteral("copying page block %1").arg(k));
        while (!release->load()) {
            if (c.isCancelled())
                return QVariant::fromValue(Error::make(ErrorCode::Cancelled, QStringLiteral("cancelled")));
            QThread::msleep(5);
        }
        return QVariant(QStringLiteral("done"));
    };
}
} // namespace

class TestJobProgressDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void showsStepAndShareDone()
    {
        DbWorker worker(Target{}, SessionOptions::monitor(), QStringLiteral("ops"));
        auto release = std::make_shared<std::atomic_bool>(false);
        const quint64 id = worker.submit(QStringLiteral("backup"), steppingJob(3, release), false);
        JobProgressDialog dialog(&worker, id, QStringLiteral("Backup"));
        dialog.show();
        QTRY_COMPARE(dialog.stepText(), QStringLiteral("copying page block 3"));
        QCOMPARE(dialog.percent(), 50);
        release->store(true);
    }

    void cancelButtonCancelsTheJob()
    {
        DbWorker worker(Target{}, SessionOptions::monitor(), QStringLiteral("ops"));
        auto release = std::make_shared<std::atomic_bool>(false);
        const quint64 id = worker.submit(QStringLiteral("backup"), steppingJob(1, release), false);
        JobProgressDialog dialog(&worker, id, QStringLiteral("Backup"));
        QSignalSpy failed(&dialog, &JobProgressDialog::failed);
        QSignalSpy finished(&dialog, &JobProgressDialog::finished);
        dialog.show();
        QTRY_COMPARE(dialog.stepText(), QStringLiteral("copying page block 1"));
        auto *cancel = dialog.findChild<QPushButton *>(QStringLiteral("jobCancel"));
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!cancel->isEnabled());
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::Cancelled);
        QCOMPARE(finished.count(), 0);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void escapeCancelsInsteadOfHiding()
    {
        DbWorker worker(Target{}, SessionOptions::monitor(), QStringLiteral("ops"));
        auto release = std::make_shared<std::atomic_bool>(false);
        const quint64 id = worker.submit(QStringLiteral("restore"), steppingJob(1, release), false);
        JobProgressDialog dialog(&worker, id, QStringLiteral("Restore"));
        QSignalSpy failed(&dialog, &JobProgressDialog::failed);
        dialog.show();
        QTRY_COMPARE(dialog.stepText(), QStringLiteral("copying page block 1"));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        // Still open until the job has really stopped; then closed with the cancellation.
        QTRY_COMPARE(failed.count(), 1);
        QTRY_VERIFY(!dialog.isVisible());
    }

    void handsOnTheResultWhenDone()
    {
        DbWorker worker(Target{}, SessionOptions::monitor(), QStringLiteral("ops"));
        auto release = std::make_shared<std::atomic_bool>(true);
        const quint64 id = worker.submit(QStringLiteral("verify"), steppingJob(2, release), false);
        JobProgressDialog dialog(&worker, id, QStringLiteral("Verify"));
        QSignalSpy finished(&dialog, &JobProgressDialog::finished);
        dialog.show();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("done"));
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestJobProgressDialog)
#include "tst_jobprogressdialog.moc"
