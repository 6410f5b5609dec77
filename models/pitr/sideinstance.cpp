#include "pitr/sideinstance.h"

#include "ops/durablefile.h"
#include "pitr/pitrdatadir.h"
#include "pitr/sideinstanceregistry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dbops {

namespace {
constexpr int kPollMs = 100;
constexpr int kStartLimitMs = 15000; // a postmaster writes postmaster.pid at once; none after this: it failed

QString quoted(const QString &value)
{
    QString v = value;
    v.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

// postmaster.pid: line 1 the pid, line 8 the state ("starting", "standby", "ready", "stopping").
QStringList pidFile(const QString &dir)
{
    QFile f(dir + QStringLiteral("/postmaster.pid"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
}

bool alive(const QStringList &pid)
{
    const qint64 n = pid.value(0).trimmed().toLongLong();
    return n > 0 && ::kill(pid_t(n), 0) == 0;
}

Error writeOwned(const QString &path, const QByteArray &text, bool append, const QString &osUser)
{
    QFile f(path);
    if (!f.open(append ? QIODevice::Append : QIODevice::WriteOnly) || f.write(text) != text.size() || !f.flush())
        return Error::make(ErrorCode::Io, QStringLiteral("cannot write %1").arg(path),
                           QStringLiteral("check the disk and the directory's permissions"));
    f.close();
    auto uid = PitrDataDir::ownerUid(osUser);
    if (uid && ::chown(QFile::encodeName(path).constData(), uid.value(), gid_t(-1)) != 0)
        return Error::make(ErrorCode::Io, QStringLiteral("cannot give %1 to %2").arg(path, osUser));
    return {};
}
} // namespace

QString SideInstanceMarker::fileName() { return QStringLiteral("dbops-side-instance.json"); }

QJsonObject SideInstanceMarker::toJson() const
{
    return {{QStringLiteral("made_by"), QStringLiteral("dbops")},
            {QStringLiteral("port"), port},
            {QStringLiteral("source"), source},
            {QStringLiteral("stanza"), stanza},
            {QStringLiteral("restored_to"), restoredTo.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("created_at"), createdAt.toUTC().toString(Qt::ISODate)}};
}

Error SideInstanceMarker::write(const QString &dataDir) const
{
    return DurableFile::writeWhole(dataDir + QLatin1Char('/') + fileName(), QJsonDocument(toJson()).toJson(), false);
}

Expected<SideInstanceMarker> SideInstanceMarker::read(const QString &dataDir)
{
    QFile f(dataDir + QLatin1Char('/') + fileName());
    if (!QFileInfo(dataDir).isDir())
        return Error::make(ErrorCode::NotFound, QStringLiteral("%1 is not a directory").arg(dataDir),
                           QStringLiteral("name the side instance's data directory"));
    const QJsonObject o = f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
    if (o.value(QStringLiteral("made_by")).toString() != QLatin1String("dbops"))
        return Error::make(ErrorCode::Refused,
                           QStringLiteral("%1 holds no side-instance marker of dbops (%2)").arg(dataDir, fileName()),
                           QStringLiteral("dbops stops and removes only side instances it made"));
    SideInstanceMarker m;
    m.port = o.value(QStringLiteral("port")).toInt();
    m.source = o.value(QStringLiteral("source")).toString();
    m.stanza = o.value(QStringLiteral("stanza")).toString();
    m.restoredTo = QDateTime::fromString(o.value(QStringLiteral("restored_to")).toString(), Qt::ISODateWithMs);
    m.createdAt = QDateTime::fromString(o.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
    m.dataDirectory = QFileInfo(dataDir).absoluteFilePath();
    return m;
}

SideInstance::SideInstance(const QString &dataDir, const QString &osUser)
    : m_dir(QFileInfo(dataDir).absoluteFilePath()), m_osUser(osUser)
{}

Error SideInstance::checkPortFree(int port)
{
    if (port < 1 || port > 65535)
        return Error::make(ErrorCode::Usage, QStringLiteral("--port %1 is not a TCP port").arg(port),
                           QStringLiteral("give a free port between 1024 and 65535"));
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); // as the postmaster binds
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(quint16(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool free = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
    if (fd >= 0)
        ::close(fd);
    if (!free)
        return Error::make(ErrorCode::Usage, QStringLiteral("port %1 on 127.0.0.1 is in use").arg(port),
                           QStringLiteral("give the side instance a free port with --port"));
    return {};
}

QStringList SideInstance::asOwner(const QString &osUser, const QStringList &command)
{
    if (::geteuid() != 0 || osUser.isEmpty())
        return command;
    return QStringList{QStringLiteral("runuser"), QStringLiteral("-u"), osUser, QStringLiteral("--")} + command;
}

QString SideInstance::logFile() const { return m_dir + QStringLiteral("/dbops-side-instance.log"); }

Expected<QString> SideInstance::pgCtl() const
{
    QFile f(m_dir + QStringLiteral("/PG_VERSION"));
    const QString major = f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
    const QString path = QStringLiteral("/usr/lib/postgresql/%1/bin/pg_ctl").arg(major);
    if (major.isEmpty() || !QFileInfo(path).isExecutable())
        return Error::make(ErrorCode::Unsupported,
                           QStringLiteral("no pg_ctl for PostgreSQL %1 (%2) to start the side instance in %3")
                               .arg(major.isEmpty() ? QStringLiteral("?") : major, path, m_dir),
                           QStringLiteral("install the Debian package postgresql-%1").arg(major));
    return path;
}

Error SideInstance::configure(int port) const
{
    if (!QFile::exists(m_dir + QStringLiteral("/postgresql.conf")))
        if (Error e = writeOwned(m_dir + QStringLiteral("/postgresql.conf"),
                                 "# Written by dbops: the restored cluster kept its configuration elsewhere.\n", false,
                                 m_osUser))
            return e;
    if (!QFile::exists(m_dir + QStringLiteral("/pg_hba.conf")))
        if (Error e = writeOwned(m_dir + QStringLiteral("/pg_hba.conf"),
                                 "# Written by dbops for a side instance.\nlocal all all peer\n"
                                 "host all all 127.0.0.1/32 scram-sha-256\n",
                                 false, m_osUser))
            return e;
    // external_pid_file: the live server's may be named in the restored postgresql.conf.
    const QString settings = QStringLiteral("\n# dbops side instance: its own port and socket, 127.0.0.1 only, never "
                                            "archiving WAL.\nlisten_addresses = '127.0.0.1'\nport = %1\n"
                                            "unix_socket_directories = %2\narchive_mode = 'off'\n"
                                            "external_pid_file = ''\n")
                                 .arg(port)
                                 .arg(quoted(m_dir));
    return writeOwned(m_dir + QStringLiteral("/postgresql.auto.conf"), settings.toUtf8(), true, m_osUser);
}

Expected<int> SideInstance::run(const QStringList &args, int timeoutMs) const
{
    auto ctl = pgCtl();
    if (!ctl)
        return ctl.error();
    QStringList line = asOwner(m_osUser, QStringList{ctl.value()} + args);
    QProcess p;
    p.setWorkingDirectory(QStringLiteral("/")); // the cluster's owner may not enter the caller's folder
    p.setProcessChannelMode(QProcess::MergedChannels);
    const QString program = line.takeFirst();
    p.start(program, line);
    if (!p.waitForStarted() || !p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(-1);
        return Error::make(ErrorCode::Unsupported, QStringLiteral("%1 did not run").arg(ctl.value()),
                           QStringLiteral("check that pg_ctl (and runuser, when dbops runs as root) is installed"));
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

Error SideInstance::start() const
{
    // -W: dbops waits itself, with progress and cancel, for more than the start (the promotion).
    auto code = run(
        {QStringLiteral("-D"), m_dir, QStringLiteral("-l"), logFile(), QStringLiteral("-W"), QStringLiteral("start")},
        60000);
    if (!code)
        return code.error();
    if (code.value() != 0)
        return Error::make(ErrorCode::QueryFailed,
                           QStringLiteral("pg_ctl could not start the side instance in %1").arg(m_dir),
                           QStringLiteral("see its log %1").arg(logFile()));
    return {};
}

QString SideInstance::lastLogLine() const
{
    QFile f(logFile());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        if (it->contains("FATAL:") || it->contains("PANIC:"))
            return QString::fromUtf8(it->trimmed());
    return {};
}

bool SideInstance::inProduction() const
{
    auto ctl = pgCtl();
    if (!ctl)
        return false;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C")); // the state in English
    p.setProcessEnvironment(env);
    p.start(QFileInfo(ctl.value()).absolutePath() + QStringLiteral("/pg_controldata"), {QStringLiteral("-D"), m_dir});
    static const QRegularExpression state(QStringLiteral("cluster state:\\s+in production"));
    return p.waitForFinished(10000) && state.match(QString::fromUtf8(p.readAllStandardOutput())).hasMatch();
}

bool SideInstance::running() const { return alive(pidFile(m_dir)); }

Error SideInstance::waitPromoted(int timeoutMs, const OpControl &control) const
{
    QElapsedTimer timer;
    timer.start();
    bool seen = false;
    while (true) {
        const QStringList pid = pidFile(m_dir);
        seen |= !pid.isEmpty();
        // "ready" also during hot standby, and recovery.signal goes before the end-of-recovery checkpoint: the
        // control file says when the cluster is out of recovery.
        if (!pid.isEmpty() && alive(pid) && pid.value(7).trimmed() == QLatin1String("ready") &&
            !QFile::exists(m_dir + QStringLiteral("/recovery.signal")) && inProduction())
            return {};
        if ((seen && !alive(pid)) || (!seen && timer.elapsed() > kStartLimitMs))
            return Error::make(
                ErrorCode::QueryFailed,
                QStringLiteral("the side instance in %1 stopped before it was promoted: %2").arg(m_dir, lastLogLine()),
                QStringLiteral("see its log %1; remove it with dbops side-instance --stop %2").arg(logFile(), m_dir));
        if (control.cancelled())
            return Error::make(
                ErrorCode::Cancelled, QStringLiteral("waiting for the side instance in %1 cancelled").arg(m_dir),
                QStringLiteral("it goes on recovering; stop it with dbops side-instance --stop %1").arg(m_dir));
        if (timer.elapsed() > timeoutMs)
            return Error::make(
                ErrorCode::Timeout,
                QStringLiteral("the side instance in %1 was not promoted within %2 s (still replaying WAL?)")
                    .arg(m_dir)
                    .arg(timeoutMs / 1000),
                QStringLiteral("see its log %1; wait longer with --timeout, or stop it with dbops "
                               "side-instance --stop %2")
                    .arg(logFile(), m_dir));
        control.report(
            timer.elapsed(), timeoutMs,
            QStringLiteral("side instance: %1")
                .arg(pid.value(7).trimmed().isEmpty() ? QStringLiteral("starting") : QStringLiteral("replaying WAL")));
        QThread::msleep(kPollMs);
    }
}

Error SideInstance::stopAndRemove() const
{
    auto marker = SideInstanceMarker::read(m_dir);
    if (!marker)
        return marker.error();
    if (running()) {
        auto code = run({QStringLiteral("-D"), m_dir, QStringLiteral("-m"), QStringLiteral("fast"),
                         QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("stop")},
                        90000);
        if (!code)
            return code.error();
        if (code.value() != 0 || running())
            return Error::make(ErrorCode::QueryFailed,
                               QStringLiteral("pg_ctl could not stop the side instance in %1").arg(m_dir),
                               QStringLiteral("see its log %1, and try again").arg(logFile()));
    }
    if (!QDir(m_dir).removeRecursively())
        return Error::make(ErrorCode::Io,
                           QStringLiteral("the side instance in %1 is stopped but not all removed").arg(m_dir),
                           QStringLiteral("remove the directory yourself"));
    SideInstanceRegistry::remove(m_dir);
    return {};
}

} // namespace dbops
