#pragma once
// "Capture incident…": the evidence bundle (IncidentBundle, with the charts of render/) captured on a worker
// thread of its own, with a progress dialog whose Cancel stops it (nothing left behind). The window never
// waits; the outcome comes back as a signal for the status bar and the log.
#include "connection/target.h"
#include "core/error.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace dbops {

class DbWorker;
class JobProgressDialog;

class IncidentActions : public QObject {
    Q_OBJECT
public:
    IncidentActions(QWidget *window, QObject *parent = nullptr);

    // Asks for the folder (default: defaultFolder()), then capture().
    void chooseAndCapture(const Target &target, const QString &typedPassword = {});
    // `typedPassword`: what the operator typed at the prompt (SessionOptions::password), for the capture's own
    // sessions; kept in memory and scrubbed from the bundle like any password it knows of.
    void capture(const Target &target, const QString &outDir, const QString &typedPassword = {});

    bool busy() const { return m_running; }
    JobProgressDialog *progressDialog() const;
    static QString defaultFolder(); // <XDG data>/dbops/incidents

Q_SIGNALS:
    void busyChanged(bool busy);
    void succeeded(const QString &archive, const QString &summary);
    void failed(const dbops::Error &error);

private:
    void setRunning(bool running);

    QWidget *m_window;
    DbWorker *m_worker;
    QPointer<JobProgressDialog> m_progress;
    bool m_running = false;
};

} // namespace dbops
