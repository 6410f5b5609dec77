#include "ops/pgtools.h"

#include "connection/connector.h"
#include "core/incidentmode.h"
#include "core/redact.h"
#include "ops/backupverifier.h"
#include "ops/pgname.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>

#include <algorithm>

namespace dbops {

PgInvocation::PgInvocation(const Target &target, const SessionOptions &options)
    : m_target(target), m_options(options), m_env(QProcessEnvironment::systemEnvironment())
{}

PgInvocation::~PgInvocation() = default;

Error PgInvocation::prepare()
{
    PgSecret::removeLeftovers(QDir::tempPath());
    QProcessEnvironment &env = m_env.vars;
    env.insert(QStringLiteral("PGAPPNAME"), m_options.applicationName);
    env.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QString::number(m_options.connectTimeoutS));
    if (!m_target.pg.sslmode.isEmpty())
        env.insert(QStringLiteral("PGSSLMODE"), m_target.pg.sslmode);
    if (!m_target.pg.service.isEmpty())
        env.insert(QStringLiteral("PGSERVICE"), m_target.pg.service);
    if (IncidentMode::isOn()) // pg_restore is a session like any other: read-only in incident mode
        env.insert(QStringLiteral("PGOPTIONS"), QString(env.value(QStringLiteral("PGOPTIONS")) +
                                                        QStringLiteral(" -c default_transaction_read_only=on"))
                                                    .trimmed());
    const QString password = m_options.password.isEmpty() ? m_target.pg.password : m_options.password;
    if (password.isEmpty())
        return {};
    const Error memfd = m_secret.create(password);
    if (!memfd) {
        env.insert(QStringLiteral("PGPASSFILE"), m_secret.passFilePath());
        env.remove(QStringLiteral("PGPASSWORD"));
        m_env.passFd = m_secret.fd();
        return {};
    }
    if (memfd.code != ErrorCode::Unsupported)
        return memfd;
    env.insert(QStringLiteral("PGPASSWORD"), password); // no memfd here: the child's environment only
    return {};
}

QStringList PgInvocation::connectionArgs(const QString &dbname) const
{
    QStringList args;
    const PgParams &pg = m_target.pg;
    if (!pg.host.isEmpty())
        args << QStringLiteral("--host=") + pg.host;
    if (pg.port > 0)
        args << QStringLiteral("--port=") + QString::number(pg.port);
    if (!pg.user.isEmpty())
        args << QStringLiteral("--username=") + pg.user;
    args << QStringLiteral("--no-password");
    const QString db = dbname.isEmpty() ? pg.dbname : dbname;
    if (!db.isEmpty())
        args << QStringLiteral("--dbname=") + db;
    return args;
}

int PgTools::versionOf(const QString &programPath)
{
    QProcess p;
    p.start(programPath, {QStringLiteral("--version")});
    if (!p.waitForFinished(5000))
        return 0;
    const auto match =
        QRegularExpression(QStringLiteral("\\) (\\d+)")).match(QString::fromUtf8(p.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

Expected<PgTool> PgTools::find(const QString &program, int serverMajor)
{
    const QString root = qEnvironmentVariable("DBOPS_PG_LIBDIR", QStringLiteral("/usr/lib/postgresql"));
    int best = 0, older = 0;
    for (const QString &entry : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const int major = entry.toInt();
        if (major <= 0 ||
            !QFileInfo(root + QLatin1Char('/') + entry + QStringLiteral("/bin/") + program).isExecutable())
            continue;
        if (major >= serverMajor && (best == 0 || major < best))
            best = major;
        if (major < serverMajor)
            older = std::max(older, major);
    }
    if (best > 0)
        return PgTool{root + QStringLiteral("/%1/bin/").arg(best) + program, best};
    const QString inPath = QStandardPaths::findExecutable(program);
    if (!inPath.isEmpty()) {
        const int major = versionOf(inPath);
        if (major >= serverMajor)
            return PgTool{inPath, major};
        older = std::max(older, major);
    }
    const QString package = QStringLiteral("postgresql-client-%1").arg(serverMajor);
    if (older > 0)
        return Error::make(ErrorCode::Unsupported,
                           QStringLiteral("%1 %2 is older than the server (PostgreSQL %3) and cannot dump it safely")
                               .arg(program)
                               .arg(older)
                               .arg(serverMajor),
                           QStringLiteral("install the package %1 (apt install %1)").arg(package));
    return Error::make(ErrorCode::Unsupported, QStringLiteral("%1 is not installed").arg(program),
                       QStringLiteral("install the package %1 (apt install %1)").arg(package));
}

PgProcess::PgProcess() = default;

PgProcess::~PgProcess() { stop(); }

Error PgProcess::start(const QString &program, const QStringList &args, const PgChildEnv &env)
{
    m_program = QFileInfo(program).fileName();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(env.vars);
    if (env.passFd >= 0)
        m_process->setChildProcessModifier([fd = env.passFd] { PgSecret::allowInheritance(fd); });
    m_process->start(program, args);
    if (!m_process->waitForStarted(10000))
        return Error::make(ErrorCode::Unsupported,
                           QStringLiteral("cannot start %1: %2").arg(program, m_process->errorString()));
    return {};
}

bool PgProcess::poll(int waitMs, const std::function<void(const QString &)> &onLine, QByteArray *stdoutData)
{
    if (!m_process)
        return false;
    const bool running = m_process->state() != QProcess::NotRunning;
    if (running)
        m_process->waitForReadyRead(waitMs);
    if (stdoutData)
        stdoutData->append(m_process->readAllStandardOutput());
    m_pending += m_process->readAllStandardError();
    int nl;
    while ((nl = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(nl);
        m_pending.remove(0, nl + 1);
        m_errText += line + '\n';
        if (onLine)
            onLine(QString::fromUtf8(line));
    }
    return running;
}

void PgProcess::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(3000)) {
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

Error PgProcess::result(QByteArray *stdoutData)
{
    if (!m_process)
        return Error::make(ErrorCode::Internal, QStringLiteral("no process was started"));
    m_process->waitForFinished(-1);
    if (stdoutData)
        stdoutData->append(m_process->readAllStandardOutput());
    m_errText += m_pending + m_process->readAllStandardError();
    m_pending.clear();
    if (m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0)
        return {};
    const QString text = Redact::text(QString::fromUtf8(m_errText).trimmed());
    const QString last = text.section(QLatin1Char('\n'), -3);
    ErrorCode code = ErrorCode::QueryFailed;
    QString hint;
    if (text.contains(QLatin1String("password authentication failed")) ||
        text.contains(QLatin1String("no password supplied"))) {
        code = ErrorCode::AuthFailed;
        hint = QStringLiteral("fix the entry in ~/.pgpass (or PGPASSFILE), or enter the password when asked");
    } else if (text.contains(QLatin1String("could not obtain lock")) || text.contains(QLatin1String("lock timeout"))) {
        code = ErrorCode::Busy;
        hint = QStringLiteral("another session holds a lock on a table; retry or raise --lock-wait-timeout");
    } else if (text.contains(QLatin1String("Connection refused")) ||
               text.contains(QLatin1String("could not connect"))) {
        code = ErrorCode::HostUnreachable;
        hint = QStringLiteral("check that the server runs and listens there");
    } else if (text.contains(QLatin1String("No space left on device"))) {
        code = ErrorCode::Io;
        hint = QStringLiteral("free space on the backup disk or choose another backup folder (--out)");
    }
    return Error::make(code, QStringLiteral("%1 failed: %2").arg(m_program, last), hint, text);
}

Error PgTools::run(const QString &program, const QStringList &args, const PgChildEnv &env, const OpControl &control,
                   const std::function<void(const QString &)> &onLine, QByteArray *stdoutData, int timeoutMs,
                   const std::function<void()> &tick)
{
    PgProcess p;
    if (Error e = p.start(program, args, env))
        return e;
    QElapsedTimer timer;
    timer.start();
    while (p.poll(100, onLine, stdoutData)) {
        if (tick)
            tick();
        const bool timedOut = timeoutMs > 0 && timer.elapsed() > timeoutMs;
        if (control.cancelled() || timedOut) {
            p.stop();
            if (timedOut)
                return Error::make(ErrorCode::Timeout,
                                   QStringLiteral("%1 did not finish in time").arg(QFileInfo(program).fileName()));
            return Error::make(ErrorCode::Cancelled, QStringLiteral("%1 cancelled").arg(QFileInfo(program).fileName()));
        }
    }
    return p.result(stdoutData);
}

namespace {
// The TABLE DATA entries of a pg_restore --list: "3377; 0 16449 TABLE DATA public order book owner" — the
// table's oid, then schema, name and owner unquoted with newlines printed as spaces (so the words cannot be
// split apart reliably: a manifest table is looked up by its oid, or by its listed spelling as a prefix).
struct ArchiveData {
    QSet<qint64> oids;
    QStringList entries; // "public order book owner"

    explicit ArchiveData(const QByteArray &listing)
    {
        static const QRegularExpression entry(QStringLiteral("^\\d+; \\d+ (\\d+) TABLE DATA (.*)$"));
        for (const QString &line : QString::fromUtf8(listing).split(QLatin1Char('\n'))) {
            const auto m = entry.match(line);
            if (!m.hasMatch())
                continue;
            oids.insert(m.captured(1).toLongLong());
            entries << m.captured(2);
        }
    }
    bool holds(const TableRows &t) const
    {
        if (t.oid > 0)
            return oids.contains(t.oid);
        const QString listed = PgName::of(t).listed() + QLatin1Char(' ');
        return std::any_of(entries.begin(), entries.end(), [&](const QString &e) { return e.startsWith(listed); });
    }
};
} // namespace

Error PgTools::verifyArchive(VerifyReport &report, const OpControl &control)
{
    auto tool = find(QStringLiteral("pg_restore"), report.manifest.tools.value(QLatin1String("pg_dump_major")).toInt());
    if (!tool)
        return Error::make(tool.error().code,
                           QStringLiteral("cannot verify %1: %2").arg(report.path, tool.error().message),
                           tool.error().hint);
    QByteArray listing;
    control.report(0, 1, QStringLiteral("reading the archive's table of contents"));
    if (Error e = run(tool->path, {QStringLiteral("--list"), report.path}, {}, control, {}, &listing)) {
        if (e.code == ErrorCode::Unsupported || e.code == ErrorCode::Cancelled)
            return e; // pg_restore did not run: nothing was learnt about the archive
        report.problems << QStringLiteral("pg_restore cannot read the archive: %1").arg(e.message);
        return {};
    }
    const ArchiveData data(listing);
    for (const TableRows &t : report.manifest.tables) {
        if (!data.holds(t))
            report.problems << QStringLiteral("table %1 is in the manifest but its data is not in the archive")
                                   .arg(PgName::of(t).display());
        else
            report.tables << t;
    }
    return {};
}

} // namespace dbops
