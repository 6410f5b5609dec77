#pragma once
// The PostgreSQL client programs dbops runs as child processes (pg_dump, pg_restore), picked to match the
// server's major version, and the environment they get: connection parameters on argv, the password only
// in a temporary PGPASSFILE (0600) that is removed afterwards — never on argv.
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/expected.h"
#include "ops/opcontrol.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <functional>
#include <memory>

class QProcess;
class QTemporaryDir;

namespace dbops {

struct VerifyReport;

struct PgTool {
    QString path;
    int major = 0;
};

// The environment and connection arguments for one run; removes its PGPASSFILE when destroyed.
class PgInvocation {
public:
    PgInvocation(const Target &target, const SessionOptions &options);
    ~PgInvocation();
    Error prepare(); // writes the temporary PGPASSFILE when a password is known
    const QProcessEnvironment &environment() const { return m_env; }
    QStringList connectionArgs(const QString &dbname = {}) const; // -h -p -U -d (no password)

private:
    Target m_target;
    SessionOptions m_options;
    QProcessEnvironment m_env;
    std::unique_ptr<QTemporaryDir> m_dir;
};

// One child process, polled by its owner between other work: stderr lines go to `onLine` as they arrive,
// cancel (or a timeout) terminates it, then kills it.
class PgProcess {
public:
    PgProcess();
    ~PgProcess();
    Error start(const QString &program, const QStringList &args, const QProcessEnvironment &env);
    // Waits up to `waitMs` for output, hands on complete stderr lines; false once the process has ended.
    bool poll(int waitMs, const std::function<void(const QString &)> &onLine, QByteArray *stdoutData = nullptr);
    // Stops the process (terminate, then kill) and waits for it.
    void stop();
    // After poll() returned false: the outcome, stderr classified (wrong password, lock timeout, …).
    Error result(QByteArray *stdoutData = nullptr);

private:
    std::unique_ptr<QProcess> m_process;
    QString m_program;
    QByteArray m_errText, m_pending;
};

class PgTools {
public:
    // pg_dump / pg_restore for server major `serverMajor`: /usr/lib/postgresql/<major>/bin first, then the
    // newest installed version >= it, then PATH. Refuses (Unsupported, naming the package) when only older.
    static Expected<PgTool> find(const QString &program, int serverMajor);
    static int versionOf(const QString &programPath); // major version from --version, 0 when unknown
    // Runs `program args`, kills it on cancel; stderr lines go to `onLine`. Returns stderr text on failure.
    static Error run(const QString &program, const QStringList &args, const QProcessEnvironment &env,
                     const OpControl &control, const std::function<void(const QString &)> &onLine,
                     QByteArray *stdoutData = nullptr, int timeoutMs = -1);
    static void verifyArchive(VerifyReport &report, const OpControl &control);
};

} // namespace dbops
