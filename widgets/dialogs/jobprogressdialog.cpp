#include "dialogs/jobprogressdialog.h"

#include "common/jobprogressstrip.h"

#include <QVBoxLayout>

namespace dbops {

JobProgressDialog::JobProgressDialog(DbWorker *worker, quint64 jobId, const QString &title, QWidget *parent)
    : QDialog(parent), m_strip(new JobProgressStrip(JobProgressStrip::Shape::Column, this))
{
    setObjectName(QStringLiteral("jobProgressDialog"));
    setWindowTitle(title);
    setWindowModality(Qt::WindowModal);
    setMinimumWidth(460);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_strip);
    connect(m_strip, &JobProgressStrip::finished, this, [this](const QVariant &result) {
        Q_EMIT finished(result);
        done(QDialog::Accepted);
    });
    connect(m_strip, &JobProgressStrip::failed, this, [this](const Error &error) {
        Q_EMIT failed(error);
        done(QDialog::Rejected);
    });
    m_strip->follow(worker, jobId, title);
}

quint64 JobProgressDialog::jobId() const { return m_strip->jobId(); }

QString JobProgressDialog::stepText() const { return m_strip->stepText(); }

int JobProgressDialog::percent() const { return m_strip->percent(); }

void JobProgressDialog::cancelJob() { m_strip->cancelJob(); }

void JobProgressDialog::reject() { cancelJob(); }

} // namespace dbops
