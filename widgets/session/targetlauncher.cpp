#include "session/targetlauncher.h"

#include "core/paths.h"
#include "demo/demojobs.h"
#include "probe/environmentjobs.h"
#include "probe/profilejobs.h"
#include "worker/dbworker.h"

#include <QDir>

namespace dbops {

TargetLauncher::TargetLauncher(DbWorker *files, QObject *parent)
    : QObject(parent), m_files(files), m_botDir(QDir::currentPath())
{
    qRegisterMetaType<dbops::DetectionResult>();
    connect(m_files, &DbWorker::jobFinished, this, &TargetLauncher::onFinished);
    connect(m_files, &DbWorker::jobFailed, this, &TargetLauncher::onFailed);
}

QString TargetLauncher::defaultDemoDir() { return Paths::dataDir() + QStringLiteral("/demo"); }

void TargetLauncher::resolve(const QString &text)
{
    const QString file = m_profilesFile;
    m_detecting = false;
    m_requestId = m_files->submit(QStringLiteral("resolve target"), ProfileJobs::resolve(file, text), false);
}

void TargetLauncher::openDemo(const QString &directory)
{
    const QString dir = QDir::cleanPath(QDir(directory).absolutePath());
    m_detecting = false;
    Q_EMIT busy(tr("Preparing the demo store in %1…").arg(QDir::toNativeSeparators(dir)));
    m_requestId = m_files->submit(QStringLiteral("create demo store"), DemoJobs::prepare(dir), false);
}

void TargetLauncher::detect(const QString &settingsJson)
{
    const QProcessEnvironment env = m_env;
    const QString botDir = m_botDir;
    m_detecting = true;
    Q_EMIT busy(tr("Looking for the bot's store in its environment…"));
    m_requestId = m_files->submit(QStringLiteral("detect target"),
                                  EnvironmentJobs::detectAndTry(env, botDir, settingsJson), false);
}

void TargetLauncher::onFinished(quint64 id, const QVariant &result)
{
    if (id != m_requestId)
        return;
    m_requestId = 0;
    if (result.canConvert<DetectionResult>()) {
        const DetectionResult r = result.value<DetectionResult>();
        // A refused password is worth opening: the window asks for it.
        if (!r.openError || r.openError.code == ErrorCode::AuthFailed)
            Q_EMIT targetReady(r.detected.target);
        else
            Q_EMIT nothingDetected(tr("The bot's environment points at %1, which did not open: %2")
                                       .arg(r.detected.target.display(), r.openError.message));
        return;
    }
    if (result.canConvert<Target>())
        Q_EMIT targetReady(result.value<Target>());
}

void TargetLauncher::onFailed(quint64 id, const Error &error)
{
    if (id != m_requestId)
        return;
    m_requestId = 0;
    if (m_detecting)
        Q_EMIT nothingDetected(tr("Could not read the bot's environment: %1").arg(error.oneLine()));
    else
        Q_EMIT failed(error);
}

} // namespace dbops
