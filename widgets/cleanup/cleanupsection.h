#pragma once
// What every section of the Cleanup tab shares: the operations worker its jobs run on (each job opens its own
// connections), the current target, a message strip, a result line, the preview → typed confirmation →
// job with progress and cancel → result flow, and read-only mode (previews only).
#include "cleanup/confirmdialog.h"
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/error.h"
#include "worker/jobcontext.h"

#include <QPointer>
#include <QVariant>
#include <QWidget>
#include <functional>
#include <optional>

class QLabel;
class QVBoxLayout;

namespace dbops {

class DbWorker;
class ErrorBanner;
class JobProgressDialog;

class CleanupSection : public QWidget {
    Q_OBJECT
public:
    CleanupSection(DbWorker *ops, QWidget *parent = nullptr);

    virtual void setTarget(const Target &target, const SessionOptions &options);
    const Target &target() const { return m_target; }
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    bool isBusy() const { return m_busy; }
    QString resultText() const;
    ErrorBanner *banner() const { return m_banner; }
    JobProgressDialog *progressDialog() const;
    ConfirmDialog *confirmDialog() const { return m_confirmDialog.data(); }

    // How destructive steps are confirmed. Default: ConfirmDialog (window-modal, typed word). A test may
    // answer instead (true: go ahead).
    using Confirmer = std::function<bool(const ConfirmRequest &request)>;
    void setConfirmer(Confirmer confirmer) { m_confirmer = std::move(confirmer); }

Q_SIGNALS:
    void errorReported(const dbops::Error &error);
    void succeeded(const QString &summary); // a destructive step ended well (audit trail changed)
    void busyChanged(bool busy);

protected:
    using Done = std::function<void(const QVariant &result)>;
    // Runs `job` on the operations worker; `progress`: with the progress dialog (cancel), else inline.
    void runJob(const QString &title, Job job, Done done, bool progress);
    void confirm(const ConfirmRequest &request, std::function<void()> onConfirmed);
    void showResult(const QString &text, bool good);
    virtual void updateButtons() {}
    QVBoxLayout *body() const { return m_body; }
    const SessionOptions &sessionOptions() const { return m_options; }

private:
    void setBusy(bool busy);

    DbWorker *m_ops;
    Target m_target;
    SessionOptions m_options;
    bool m_readOnly = false;
    bool m_busy = false;
    quint64 m_inlineJob = 0;
    Done m_inlineDone;
    Confirmer m_confirmer;
    QPointer<JobProgressDialog> m_progress;
    QPointer<ConfirmDialog> m_confirmDialog;
    ErrorBanner *m_banner;
    QLabel *m_result;
    QVBoxLayout *m_body;
};

} // namespace dbops
