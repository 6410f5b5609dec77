#pragma once
// The PostgreSQL client programs dbops runs as child processes (pg_dump, pg_restore), picked to match the
// server's major version, and the environment they get: connection parameters on argv, the password only
// in an anonymous memory file the child reads as PGPASSFILE (PgSecret) — never on argv, never on a disk.
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/expected.h"
#include "ops/pgsecret.h"
#include "worker/opcontrol.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <functional>
#include <memory>

class QProcess;

namespace dbops {

struct VerifyReport;

struct PgTool {
    QString path;
    int major = 0;
};

// What a child process gets: its environment and, when it is handed a password, the descriptor of the memory
// file its PGPASSFILE names (close-on-exec in dbops; inherited by this child only).
struct PgChildEnv {
    PgChildEnv(const QProcessEnvironment &vars = QProcessEnvironment::systemEnvironment(), int passFd = -1)
        : vars(vars), passFd(passFd)
    {}
    QProcessEnvironment vars;
    int passFd = -1;
};

// The environment and connection arguments for one run; the password's memory file lives as long as it.
class PgInvocation {
public:
    PgInvocation(const Target &target, const SessionOptions &options);
    ~PgInvocation();
    // Removes password files earlier dbops versions left behind; hands on the password, when one is known.
    Error prepare();
    const PgChildEnv &environment() const { return m_env; }
    QStringList connectionArgs(const QString &dbname = {}) const; // -h -p -U -d (no password)

private:
    Target m_target;
    SessionOptions m_options;
    PgChildEnv m_env;
    PgSecret m_secret;
};

// One child process, polled by its owner between other work: stderr lines go to `onLine` as they arrive,
// cancel (or a timeout) terminates it, then kills it.
class PgProcess {
public:
    PgProcess();
    ~PgProcess();
    Error start(const QString &program, const QStringList &args, const PgChildEnv &env);
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
    // Runs `program args`, kills it on cancel; stderr lines go to `onLine`, `tick` (when given) is called about
    // every 100 ms while it runs (a LockWatchdog's poll). Returns stderr text on failure.
    static Error run(const QString &program, const QStringList &args, const PgChildEnv &env, const OpControl &control,
                     const std::function<void(const QString &)> &onLine, QByteArray *stdoutData = nullptr,
                     int timeoutMs = -1, const std::function<void()> &tick = {});
    // pg_restore --list: every manifest table's data must be in the archive (problems go to `report`). An
    // error when the check cannot run at all (no pg_restore, it cannot start, cancelled): no verdict then.
    static Error verifyArchive(VerifyReport &report, const OpControl &control);
};

} // namespace dbops
