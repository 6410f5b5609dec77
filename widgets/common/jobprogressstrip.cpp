#include "common/jobprogressstrip.h"

#include "core/format.h"
#include "worker/dbworker.h"

#include <QBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace dbops {

JobProgressStrip::JobProgressStrip(Shape shape, QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_step(new QLabel(this)), m_elapsedLabel(new QLabel(this)),
      m_bar(new QProgressBar(this)), m_cancel(new QPushButton(tr("Cancel"), this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("jobProgress"));
    m_title->setObjectName(QStringLiteral("jobTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_step->setObjectName(QStringLiteral("jobStep"));
    m_step->setWordWrap(shape == Shape::Column);
    m_elapsedLabel->setForegroundRole(QPalette::PlaceholderText);
    m_bar->setObjectName(QStringLiteral("jobBar"));
    m_cancel->setObjectName(QStringLiteral("jobCancel"));

    if (shape == Shape::Row) {
        auto *row = new QHBoxLayout(this);
        row->setContentsMargins(0, 0, 0, 0);
        row->addWidget(m_title);
        row->addWidget(m_step, 1);
        m_bar->setMaximumWidth(220);
        row->addWidget(m_bar);
        row->addWidget(m_elapsedLabel);
        row->addWidget(m_cancel);
    } else {
        m_title->hide(); // the dialog's window title says it
        auto *column = new QVBoxLayout(this);
        column->setContentsMargins(0, 0, 0, 0);
        column->addWidget(m_step);
        column->addWidget(m_bar);
        column->addWidget(m_elapsedLabel);
        auto *buttons = new QHBoxLayout;
        buttons->addStretch(1);
        buttons->addWidget(m_cancel);
        column->addLayout(buttons);
    }
    connect(m_cancel, &QPushButton::clicked, this, &JobProgressStrip::cancelJob);
    connect(m_timer, &QTimer::timeout, this, &JobProgressStrip::tick);
}

void JobProgressStrip::follow(DbWorker *worker, quint64 jobId, const QString &title)
{
    if (m_worker)
        disconnect(m_worker, nullptr, this, nullptr);
    m_worker = worker;
    m_id = jobId;
    m_cancelling = false;
    m_title->setText(title);
    m_step->setText(tr("Waiting to start…"));
    m_bar->setRange(0, 0); // busy until the first progress report with a total
    m_cancel->setEnabled(true);
    connect(worker, &DbWorker::jobProgress, this, &JobProgressStrip::onProgress);
    connect(worker, &DbWorker::jobFinished, this, &JobProgressStrip::onFinished);
    connect(worker, &DbWorker::jobFailed, this, &JobProgressStrip::onFailed);
    m_elapsed.start();
    m_timer->start(500);
    tick();
}

QString JobProgressStrip::stepText() const { return m_step->text(); }

int JobProgressStrip::percent() const
{
    if (m_bar->maximum() <= 0)
        return -1;
    return int(qint64(m_bar->value()) * 100 / m_bar->maximum());
}

void JobProgressStrip::cancelJob()
{
    if (m_cancelling || !m_worker)
        return;
    m_cancelling = true;
    m_step->setText(tr("Cancelling… (the job stops at its next safe point and cleans up)"));
    m_cancel->setEnabled(false);
    m_worker->cancel(m_id);
}

void JobProgressStrip::onProgress(quint64 id, qint64 done, qint64 total, const QString &what)
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

void JobProgressStrip::onFinished(quint64 id, const QVariant &result)
{
    if (id != m_id)
        return;
    stop();
    Q_EMIT finished(result);
}

void JobProgressStrip::onFailed(quint64 id, const Error &error)
{
    if (id != m_id)
        return;
    stop();
    Q_EMIT failed(error);
}

void JobProgressStrip::stop()
{
    m_timer->stop();
    if (m_worker)
        disconnect(m_worker, nullptr, this, nullptr);
    m_worker = nullptr;
}

void JobProgressStrip::tick()
{
    m_elapsedLabel->setText(tr("Running for %1").arg(Format::duration(m_elapsed.elapsed() / 1000)));
}

} // namespace dbops
