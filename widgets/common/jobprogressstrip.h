#pragma once
// What a long job on a DbWorker is doing, how far it is, how long it has run, and a Cancel button that cancels
// it (the worker interrupts its statement or child process). It never waits: it follows the worker's signals
// and hands the result on through finished() or failed(). Laid out as a row (a strip inside a panel, which
// leaves the rest of the window usable) or as a column (the body of JobProgressDialog).
#include "core/error.h"

#include <QElapsedTimer>
#include <QVariant>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace dbops {

class DbWorker;

class JobProgressStrip : public QWidget {
    Q_OBJECT
public:
    enum class Shape { Row, Column };
    explicit JobProgressStrip(Shape shape, QWidget *parent = nullptr);

    // Follows job `jobId` of `worker` from now on (a strip can follow one job after another).
    void follow(DbWorker *worker, quint64 jobId, const QString &title);
    quint64 jobId() const { return m_id; }
    bool running() const { return m_worker != nullptr; }
    QString stepText() const;
    int percent() const; // -1 while the total is unknown
    void cancelJob();

Q_SIGNALS:
    void finished(const QVariant &result);
    void failed(const dbops::Error &error);

private:
    void onProgress(quint64 id, qint64 done, qint64 total, const QString &what);
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);
    void stop();
    void tick();

    DbWorker *m_worker = nullptr;
    quint64 m_id = 0;
    QLabel *m_title;
    QLabel *m_step;
    QLabel *m_elapsedLabel;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    QTimer *m_timer;
    QElapsedTimer m_elapsed;
    bool m_cancelling = false;
};

} // namespace dbops
