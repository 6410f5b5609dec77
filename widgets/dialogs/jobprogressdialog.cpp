#include "dialogs/jobprogressdialog.h"

#include "core/format.h"
#include "worker/dbworker.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace dbops {

JobProgressDialog::JobProgressDialog(DbWorker *worker, quint64 jobId, const QString &title, QWidget *parent)
    : QDialog(parent), m_worker(worker), m_id(jobId), m_step(new QLabel(tr("Waiting to start…"), this)),
      m_elapsedLabel(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("jobProgressDialog"));
    setWindowTitle(title);
    setWindowModality(Qt::WindowModal);
    setMinimumWidth(460);
    m_step->setObjectName(QStringLiteral("jobStep"));
    m_step->setWordWrap(true);
    m_elapsedLabel->setForegroundRole(QPalette::PlaceholderText);
    m_bar->setObjectName(QStringLiteral("jobBar"));
    m_bar->setRange(0, 0); // busy until the first progress report with a total
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("jobCancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_step);
    layout->addWidget(m_bar);
    layout->addWidget(m_elapsedLabel);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &JobProgressDialog::cancelJob);
    connect(worker, &DbWorker::jobProgress, this, &JobProgressDialog::onProgress);
    connect(worker, &DbWorker::jobFinished, this, &JobProgressDialog::onFinished);
    connect(worker, &DbWorker::jobFailed, this, &JobProgressDialog::onFailed);
    connect(m_timer, &QTimer::timeout, this, &JobProgressDialog::tick);
    m_elapsed.start();
    m_timer->start(500);
    tick();
}

QString JobProgressDialog::stepText() const { return m_step->text(); }

int JobProgressDialog::percent() const
{
    if (m_bar->maximum() <= 0)
        return -1;
    return int(qint64(m_bar->value()) * 100 / m_bar->maximum());
}

void JobProgressDialog::cancelJob()
{
    if (m_cancelling)
        return;
    m_cancelling = true;
    m_step->setText(tr("Cancelling… (the job stops at its next safe point and cleans up)"));
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(false);
    m_worker->cancel(m_id);
}

void JobProgressDialog::reject() { cancelJob(); }

void JobProgressDialog::onProgress(quint64 id, qint64 done, qint64 total, const QString &what)
{
    if (id != m_id || m_cancelling)
        return;
    if (!what.isEmpty())
        m_step->setText(what);
    if (total > 0) {
        // QProgressBar takes ints: scale byte counts down to per-mille.
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(qBound<qint64>(qint64(0), done * 1000 / total, qint64(1000))));
    } else {
        m_bar->setRange(0, 0);
    }
}

void JobProgressDialog::onFinished(quint64 id, const QVariant &result)
{
    if (id != m_id)
        return;
    m_timer->stop();
    Q_EMIT finished(result);
    done(QDialog::Accepted);
}

void JobProgressDialog::onFailed(quint64 id, const Error &error)
{
    if (id != m_id)
        return;
    m_timer->stop();
    Q_EMIT failed(error);
    done(QDialog::Rejected);
}

void JobProgressDialog::tick()
{
    m_elapsedLabel->setText(tr("Running for %1").arg(Format::duration(m_elapsed.elapsed() / 1000)));
}

} // namespace dbops
