#include "cleanup/cleanupsection.h"

#include "common/errorbanner.h"
#include "dialogs/jobprogressdialog.h"
#include "worker/dbworker.h"

#include <QLabel>
#include <QVBoxLayout>
#include <spdlog/spdlog.h>

namespace dbops {

CleanupSection::CleanupSection(DbWorker *ops, QWidget *parent)
    : QWidget(parent), m_ops(ops), m_banner(new ErrorBanner(this)), m_result(new QLabel(this)), m_body(new QVBoxLayout)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(m_body, 1);
    m_result->setObjectName(QStringLiteral("cleanupResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();
    layout->addWidget(m_result);
    // Inline jobs (previews): their replies come through the worker's signals.
    connect(m_ops, &DbWorker::jobFinished, this, [this](quint64 id, const QVariant &v) {
        if (id != m_inlineJob)
            return;
        m_inlineJob = 0;
        setBusy(false);
        if (m_inlineDone)
            m_inlineDone(v);
    });
    connect(m_ops, &DbWorker::jobFailed, this, [this](quint64 id, const Error &e) {
        if (id != m_inlineJob)
            return;
        m_inlineJob = 0;
        setBusy(false);
        m_banner->showError(e);
        Q_EMIT errorReported(e);
    });
}

void CleanupSection::setTarget(const Target &target, const SessionOptions &options)
{
    m_target = target;
    m_options = options;
    m_banner->clear();
    m_result->hide();
    updateButtons();
}

void CleanupSection::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateButtons();
}

JobProgressDialog *CleanupSection::progressDialog() const { return m_progress.data(); }

QString CleanupSection::resultText() const { return m_result->isVisible() ? m_result->text() : QString(); }

void CleanupSection::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    updateButtons();
    Q_EMIT busyChanged(busy);
}

void CleanupSection::showResult(const QString &text, bool good)
{
    m_result->setText(text);
    QFont font = m_result->font();
    font.setBold(!good); // something to look at: leaks found, a step that failed
    m_result->setFont(font);
    m_result->show();
}

void CleanupSection::runJob(const QString &title, Job job, Done done, bool progress)
{
    if (m_busy)
        return;
    m_banner->clear();
    setBusy(true);
    const quint64 id = m_ops->submit(title, std::move(job), false);
    if (!progress) {
        m_inlineJob = id;
        m_inlineDone = std::move(done);
        return;
    }
    auto *dialog = new JobProgressDialog(m_ops, id, title, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_progress = dialog;
    connect(dialog, &JobProgressDialog::finished, this, [this, done](const QVariant &v) {
        setBusy(false);
        done(v);
    });
    connect(dialog, &JobProgressDialog::failed, this, [this, title](const Error &e) {
        setBusy(false);
        spdlog::warn("{} failed: {}", title.toStdString(), e.oneLine().toStdString());
        m_banner->showError(e);
        showResult(e.oneLine(), false);
        Q_EMIT errorReported(e);
    });
    dialog->open();
}

void CleanupSection::confirm(const ConfirmRequest &request, std::function<void()> onConfirmed)
{
    if (m_readOnly)
        return;
    if (m_confirmer) {
        if (m_confirmer(request))
            onConfirmed();
        return;
    }
    auto *dialog = new ConfirmDialog(request, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_confirmDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [request, onConfirmed] {
        spdlog::warn("confirmed: {}", request.title.toStdString());
        onConfirmed();
    });
    dialog->open();
}

} // namespace dbops
