#pragma once
// Progress of one long job (restore, cleanup) as a window-modal dialog: a JobProgressStrip (step, share done,
// time, Cancel) that closes itself when the job ends, handing the result on through finished() or failed().
// Jobs the operator may leave running while using the rest of the window show a JobProgressStrip in their
// panel instead (the Backups tab's backup and verify).
#include "core/error.h"

#include <QDialog>
#include <QVariant>

namespace dbops {

class DbWorker;
class JobProgressStrip;

class JobProgressDialog : public QDialog {
    Q_OBJECT
public:
    JobProgressDialog(DbWorker *worker, quint64 jobId, const QString &title, QWidget *parent = nullptr);

    quint64 jobId() const;
    QString stepText() const;
    int percent() const; // -1 while the total is unknown
    void cancelJob();

Q_SIGNALS:
    void finished(const QVariant &result);
    void failed(const dbops::Error &error);

protected:
    void reject() override; // Esc and the window's close button cancel the job; the dialog closes when it stops

private:
    JobProgressStrip *m_strip;
};

} // namespace dbops
