#pragma once
// Continuous protection from the console: `litestream replicate` for one SQLite store into its replica folder, as
// an asynchronous QProcess, and what the operator is told about it:
//   off      — not running (never started, or stopped on request);
//   starting — Litestream runs, no replica read yet;
//   running  — the replica keeps up: lag N s (the store's newest write minus the replica's newest moment);
//   stalled  — why: Litestream exited (its exit and last words), could not start, or the replica is not advancing
//              (the store was written more than kStalledLagS seconds after what the replica holds).
// Everything that touches the disk — finding Litestream, checking WAL mode, writing its configuration, reading the
// replica's window — is a job on the file worker; the calling thread never waits. The configuration is the one
// `dbops protect` writes (Litestream::config / replicateArguments). Destroying the runner stops Litestream.
#include "connection/target.h"
#include "core/error.h"
#include "ops/replicajobs.h"

#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QStringList>

class QTimer;

namespace dbops {

class DbWorker;

class ProtectRunner : public QObject {
    Q_OBJECT
public:
    enum class State { Off, Starting, Running, Stalled };
    static constexpr double kStalledLagS = 30;

    explicit ProtectRunner(DbWorker *files, QObject *parent = nullptr);
    ~ProtectRunner() override;

    // Starts protecting `target` (a SQLite store in WAL mode) into `replicaRoot`; ignored while running.
    void start(const Target &target, const QString &replicaRoot);
    // SIGTERM: Litestream ships what it has, then exits (the state turns off).
    void stop();

    State state() const { return m_state; }
    // Litestream runs (or is being prepared): Stop applies, Start does not.
    bool running() const { return m_preparing || m_process->state() != QProcess::NotRunning; }
    QString stateText() const; // "off", "starting…", "running (lag 0.4 s)", "stalled: why"
    QString why() const { return m_why; }
    double lagS() const { return m_lagS; }
    const Target &target() const { return m_target; }
    QString replicaRoot() const { return m_replicaRoot; }
    qint64 processId() const;
    void setPollIntervalMs(int ms);

Q_SIGNALS:
    void stateChanged(dbops::ProtectRunner::State state);
    // Each reading of the replica while protecting (the timeline redraws its band from it).
    void replicaRead(const dbops::ReplicaReading &reading);

private:
    void onJobFinished(quint64 id, const QVariant &result);
    void onJobFailed(quint64 id, const Error &error);
    void launch(const QVariant &prepared);
    void onExited(int exitCode, QProcess::ExitStatus status);
    void poll();
    void setState(State state, const QString &why = {});
    void removeConfig();

    DbWorker *m_files;
    QProcess *m_process;
    QTimer *m_poll;
    State m_state = State::Off;
    QString m_why;
    double m_lagS = -1;
    Target m_target;
    QString m_replicaRoot;
    QString m_configDir;
    QStringList m_lines; // Litestream's last log lines: the reason it gives when it stops by itself
    bool m_preparing = false;
    bool m_stopping = false;
    quint64 m_prepareId = 0;
    quint64 m_pollId = 0;
};

} // namespace dbops
