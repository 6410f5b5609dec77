#include "ops/protectrunner.h"

#include "worker/dbworker.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>
#include <spdlog/spdlog.h>

namespace dbops {

namespace {

constexpr int kDefaultPollMs = 2000;
constexpr int kStopKillMs = 15000; // Litestream ships what it has on SIGTERM; a hung one is killed after this
constexpr int kKeptLines = 20;

// What the prepare job hands to the GUI thread: Litestream's binary and the configuration it was written.
struct ProtectLaunch {
    QString binary;
    QString configDir; // private (0700), removed when Litestream has stopped
    QString configPath;
};

} // namespace

} // namespace dbops

Q_DECLARE_METATYPE(dbops::ProtectLaunch)

namespace dbops {

namespace {

QVariant prepare(const Target &target, const QString &replicaRoot)
{
    auto binary = Litestream::find();
    if (!binary)
        return QVariant::fromValue(binary.error());
    if (const Error e = Litestream::checkReplicaRoot(replicaRoot))
        return QVariant::fromValue(e);
    auto plan = Litestream::plan(target, replicaRoot);
    if (!plan)
        return QVariant::fromValue(plan.error());
    QTemporaryDir dir(QDir::temp().filePath(QStringLiteral("dbops-protect-XXXXXX")));
    const QString config = dir.filePath(QStringLiteral("litestream.yml"));
    QFile file(config);
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly) || file.write(Litestream::config(plan.value())) < 0)
        return QVariant::fromValue(
            Error::make(ErrorCode::Io, QStringLiteral("cannot write Litestream's configuration in %1").arg(dir.path()),
                        QStringLiteral("check TMPDIR")));
    dir.setAutoRemove(false);
    return QVariant::fromValue(ProtectLaunch{binary.value(), dir.path(), config});
}

} // namespace

ProtectRunner::ProtectRunner(DbWorker *files, QObject *parent)
    : QObject(parent), m_files(files), m_process(new QProcess(this)), m_poll(new QTimer(this))
{
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_poll->setInterval(kDefaultPollMs);
    connect(m_poll, &QTimer::timeout, this, &ProtectRunner::poll);
    connect(m_files, &DbWorker::jobFinished, this, &ProtectRunner::onJobFinished);
    connect(m_files, &DbWorker::jobFailed, this, &ProtectRunner::onJobFailed);
    connect(m_process, &QProcess::readyRead, this, [this] {
        for (const QString &l : QString::fromUtf8(m_process->readAll()).split(QLatin1Char('\n')))
            if (!l.trimmed().isEmpty())
                m_lines << l.trimmed();
        while (m_lines.size() > kKeptLines)
            m_lines.removeFirst();
    });
    connect(m_process, &QProcess::finished, this, &ProtectRunner::onExited);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_poll->stop();
        removeConfig();
        setState(State::Stalled, tr("Litestream could not be started: %1").arg(m_process->errorString()));
    });
}

ProtectRunner::~ProtectRunner()
{
    m_poll->stop();
    if (m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->terminate(); // at the console's exit: a short wait for Litestream's last shipment
        if (!m_process->waitForFinished(3000))
            m_process->kill();
        m_process->waitForFinished(1000);
    }
    if (!m_configDir.isEmpty())
        QDir(m_configDir).removeRecursively();
}

void ProtectRunner::setPollIntervalMs(int ms) { m_poll->setInterval(ms); }

qint64 ProtectRunner::processId() const { return m_process->processId(); }

void ProtectRunner::start(const Target &target, const QString &replicaRoot)
{
    if (running())
        return;
    m_target = target;
    m_replicaRoot = replicaRoot;
    m_lines.clear();
    m_lagS = -1;
    m_stopping = false;
    m_preparing = true;
    m_prepareId = m_files->submit(
        QStringLiteral("prepare continuous protection"),
        [target, replicaRoot](JobContext &) { return prepare(target, replicaRoot); }, false);
    setState(State::Starting);
}

void ProtectRunner::stop()
{
    m_poll->stop();
    m_stopping = true;
    if (m_process->state() == QProcess::NotRunning) { // also while preparing: Litestream is then never started
        setState(State::Off);
        return;
    }
    m_process->terminate();
    QTimer::singleShot(kStopKillMs, m_process, [p = QPointer<QProcess>(m_process)] {
        if (p && p->state() != QProcess::NotRunning)
            p->kill();
    });
}

void ProtectRunner::onJobFinished(quint64 id, const QVariant &result)
{
    if (id && id == m_prepareId) {
        m_prepareId = 0;
        m_preparing = false;
        if (!m_stopping) {
            launch(result);
        } else { // stopped before it started
            m_configDir = result.value<ProtectLaunch>().configDir;
            removeConfig();
        }
    } else if (id && id == m_pollId) {
        m_pollId = 0;
        const ReplicaReading r = result.value<ReplicaReading>();
        if (m_process->state() != QProcess::NotRunning && !m_stopping) {
            if (r.hasWindow && !r.window.empty()) {
                m_lagS = r.window.lagS;
                if (m_lagS > kStalledLagS)
                    setState(State::Stalled, tr("the replica is not advancing: the store was written %1 s after "
                                                "the newest moment it holds")
                                                 .arg(m_lagS, 0, 'f', 0));
                else
                    setState(State::Running);
            }
        }
        Q_EMIT replicaRead(r);
    }
}

void ProtectRunner::onJobFailed(quint64 id, const Error &error)
{
    if (id && id == m_prepareId) {
        m_prepareId = 0;
        m_preparing = false;
        if (!m_stopping)
            setState(State::Stalled, error.oneLine());
    } else if (id && id == m_pollId) {
        m_pollId = 0;
    }
}

void ProtectRunner::launch(const QVariant &prepared)
{
    const ProtectLaunch launch = prepared.value<ProtectLaunch>();
    m_configDir = launch.configDir;
    spdlog::info("continuous protection of {} into {} with {}", m_target.display().toStdString(),
                 m_replicaRoot.toStdString(), launch.binary.toStdString());
    // tied: a console killed outright does not leave Litestream holding the store's read transaction
    Litestream::startTied(*m_process, launch.binary, Litestream::replicateArguments(launch.configPath));
    m_poll->start();
    poll();
}

void ProtectRunner::poll()
{
    if (m_pollId == 0 && m_process->state() != QProcess::NotRunning)
        m_pollId =
            m_files->submit(QStringLiteral("read replica lag"), ReplicaJobs::read(m_target, m_replicaRoot), false);
}

void ProtectRunner::onExited(int exitCode, QProcess::ExitStatus status)
{
    m_poll->stop();
    removeConfig();
    if (m_stopping) {
        spdlog::info("continuous protection of {} stopped", m_target.display().toStdString());
        setState(State::Off);
        return;
    }
    const QString said = m_lines.isEmpty() ? tr("no output") : m_lines.last();
    const QString how = status == QProcess::CrashExit ? tr("was killed") : tr("exited with code %1").arg(exitCode);
    spdlog::warn("litestream for {} {}: {}", m_target.display().toStdString(), how.toStdString(), said.toStdString());
    setState(State::Stalled, tr("Litestream %1: %2").arg(how, said));
}

void ProtectRunner::removeConfig()
{
    if (m_configDir.isEmpty())
        return;
    m_files->submit(
        QStringLiteral("remove protection configuration"),
        [dir = m_configDir](JobContext &) -> QVariant {
            QDir(dir).removeRecursively();
            return {};
        },
        false);
    m_configDir.clear();
}

// Emitted on every reading too, not only on a change: the lag in stateText() moves while the state stays.
void ProtectRunner::setState(State state, const QString &why)
{
    m_state = state;
    m_why = why;
    Q_EMIT stateChanged(state);
}

QString ProtectRunner::stateText() const
{
    switch (m_state) {
    case State::Off: return tr("off");
    case State::Starting: return tr("starting…");
    case State::Running: return tr("running (lag %1 s)").arg(m_lagS, 0, 'f', 1);
    case State::Stalled: return tr("stalled: %1").arg(m_why);
    }
    return {};
}

} // namespace dbops
