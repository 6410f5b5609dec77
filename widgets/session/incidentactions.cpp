#include "session/incidentactions.h"

#include "dialogs/jobprogressdialog.h"
#include "incidentcharts.h"

#include "core/format.h"
#include "core/paths.h"
#include "incident/incidentjobs.h"
#include "incident/incidentsections.h"
#include "worker/dbworker.h"

#include <QDir>
#include <QFileDialog>
#include <spdlog/spdlog.h>

namespace dbops {

IncidentActions::IncidentActions(QWidget *window, QObject *parent)
    : QObject(parent), m_window(window),
      // Its own thread: a capture takes seconds and must not queue behind (or hold up) a backup or a file read.
      m_worker(new DbWorker(Target{}, SessionOptions::monitor(), QStringLiteral("incident"), this))
{}

JobProgressDialog *IncidentActions::progressDialog() const { return m_progress.data(); }

QString IncidentActions::defaultFolder() { return QDir(Paths::dataDir()).filePath(QStringLiteral("incidents")); }

void IncidentActions::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    Q_EMIT busyChanged(running);
}

void IncidentActions::chooseAndCapture(const Target &target, const QString &typedPassword)
{
    if (m_running)
        return;
    auto *dialog = new QFileDialog(m_window, tr("Capture incident: folder for the evidence bundle"), defaultFolder());
    dialog->setObjectName(QStringLiteral("incidentFolderDialog"));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QDir().mkpath(defaultFolder());
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, target, typedPassword](const QString &dir) { capture(target, dir, typedPassword); });
    dialog->open();
}

void IncidentActions::capture(const Target &target, const QString &outDir, const QString &typedPassword)
{
    if (m_running)
        return;
    IncidentRequest request;
    request.detected.target = target;
    if (request.detected.target.pg.password.isEmpty())
        request.detected.target.pg.password = typedPassword;
    request.outDir = outDir;
    QList<IncidentSection> sections = IncidentSections::standard();
    sections << IncidentCharts::section();
    const quint64 id =
        m_worker->submit(QStringLiteral("capture incident"), IncidentJobs::capture(request, sections), false);
    spdlog::info("incident capture of {} started", target.display().toStdString());
    setRunning(true);
    auto *dialog =
        new JobProgressDialog(m_worker, id, tr("Capturing the evidence of %1").arg(target.display()), m_window);
    dialog->setObjectName(QStringLiteral("incidentProgress"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_progress = dialog;
    connect(dialog, &JobProgressDialog::finished, this, [this](const QVariant &v) {
        setRunning(false);
        const IncidentResult r = v.value<IncidentResult>();
        QString line =
            tr("Evidence bundle written: %1 (%2, %3 files)").arg(r.path, Format::bytes(r.bytes)).arg(r.files.size());
        if (r.failedSections() > 0)
            line += tr("; %n section(s) could not be read, see summary.md", nullptr, r.failedSections());
        spdlog::info("{}", line.toStdString());
        Q_EMIT succeeded(r.path, line);
    });
    connect(dialog, &JobProgressDialog::failed, this, [this](const Error &error) {
        setRunning(false);
        spdlog::warn("incident capture failed: {}", error.oneLine().toStdString());
        Q_EMIT failed(error);
    });
    dialog->open();
}

} // namespace dbops
