#pragma once
// Progress of one long job (backup, verify, restore, cleanup) running on a DbWorker: what it is doing, how far
// it is, how long it has run, and a Cancel button that cancels the job (the worker interrupts its statement or
// child process). The dialog never waits: it follows the worker's signals and closes itself when the job ends,
// handing the result on through finished() or failed().
#include "core/error.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QVariant>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QTimer;

namespace dbops {

class DbWorker;

class JobProgressDialog : public QDialog {
    Q_OBJECT
public:
    JobProgressDialog(DbWorker *worker, quint64 jobId, const QString &title, QWidget *parent = nullptr);

    quint64 jobId() const { return m_id; }
    QString stepText() const;
    int percent() const; // -1 while the total is unknown
    void cancelJob();

Q_SIGNALS:
    void finished(const QVariant &result);
    void failed(const dbops::Error &error);

protected:
    void reject() override; // Esc and the window's close button cancel the job; the dialog closes when it stops

private:
    void onProgress(quint64 id, qint64 done, qint64 total, const QString &what);
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);
    void tick();

    DbWorker *m_worker;
    quint64 m_id;
    QLabel *m_step;
    QLabel *m_elapsedLabel;
    QProgressBar *m_bar;
    QDialogButtonBox *m_buttons;
    QTimer *m_timer;
    QElapsedTimer m_elapsed;
    bool m_cancelling = false;
};

} // namespace dbops
