#include "session/targetlauncher.h"

#include "connection/connector.h"
#include "connection/envdetector.h"
#include "connection/profilestore.h"
#include "core/paths.h"
#include "demo/demostore.h"
#include "session/jobresults.h"
#include "worker/dbworker.h"

#include <QDir>
#include <QFileInfo>
#include <spdlog/spdlog.h>

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
    m_requestId = m_files->submit(
        QStringLiteral("resolve target"),
        [file, text](JobContext &) -> QVariant {
            auto t = ProfileStore(file).resolve(text);
            return t ? QVariant::fromValue(t.value()) : QVariant::fromValue(t.error());
        },
        false);
}

void TargetLauncher::openDemo(const QString &directory)
{
    const QString dir = QDir::cleanPath(QDir(directory).absolutePath());
    m_detecting = false;
    Q_EMIT busy(QStringLiteral("Preparing the demo store in %1…").arg(QDir::toNativeSeparators(dir)));
    m_requestId = m_files->submit(
        QStringLiteral("create demo store"),
        [dir](JobContext &) -> QVariant {
            if (!QFileInfo::exists(DemoStore::tradingDbPath(dir))) {
                spdlog::info("creating the demo store in {}", dir.toStdString());
                if (Error e = DemoStore::create(dir, DemoOptions::endingNow()))
                    return QVariant::fromValue(e);
            }
            return QVariant::fromValue(Target::dataDir(dir));
        },
        false);
}

void TargetLauncher::detect(const QString &settingsJson)
{
    const QProcessEnvironment env = m_env;
    const QString botDir = m_botDir;
    m_detecting = true;
    Q_EMIT busy(QStringLiteral("Looking for the bot's store in its environment…"));
    m_requestId = m_files->submit(
        QStringLiteral("detect target"),
        [env, botDir, settingsJson](JobContext &) -> QVariant {
            auto detected = EnvDetector::detect(env, botDir, settingsJson);
            if (!detected)
                return QVariant::fromValue(detected.error());
            DetectionResult r{detected.value(), {}};
            const Target &t = r.detected.target;
            if (t.kind == Target::Kind::SqliteFile) {
                r.openError = Connector::checkSqliteFile(t.path);
            } else if (t.kind == Target::Kind::DataDir) {
                if (!QFileInfo(t.path).isDir())
                    r.openError = Error::make(ErrorCode::NotFound, QStringLiteral("no such directory: %1").arg(t.path));
            } else if (t.isPostgres()) {
                ScopedConnection probe(t, SessionOptions::monitor(), QStringLiteral("detect"));
                r.openError = probe.error();
            }
            return QVariant::fromValue(r);
        },
        false);
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
            Q_EMIT nothingDetected(QStringLiteral("The bot's environment points at %1, which did not open: %2")
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
        Q_EMIT nothingDetected(QStringLiteral("Could not read the bot's environment: %1").arg(error.oneLine()));
    else
        Q_EMIT failed(error);
}

} // namespace dbops
