#include "pgstanza.h"

#include "pgarchive.h"
#include "pgtestserver.h"

#include <QDir>
#include <QFile>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dbops::test {

bool PgStanza::writePassFile(const QString &file) const
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return false;
    const QString user = PgTestServer::target().pg.user, password = PgTestServer::password();
    for (const char *host : {"127.0.0.1", "localhost"})
        f.write(QStringLiteral("%1:*:*:%2:%3\n").arg(QLatin1String(host), user, password).toUtf8());
    return f.flush();
}

bool PgStanza::prepare()
{
    const QString locks = path(QStringLiteral("lock")), logs = path(QStringLiteral("log"));
    const QString passFile = path(QStringLiteral("pgpass"));
    // The pgBackRest folders first: the whole folder goes to the server's user, the password file stays ours.
    if (!m_dir.isValid() || !QDir().mkpath(locks) || !QDir().mkpath(logs) || !PgArchive::giveToServer(m_dir.path()) ||
        !writePassFile(passFile)) {
        qWarning("cannot prepare the pgBackRest folder %s", qPrintable(m_dir.path()));
        return false;
    }
    const QList<std::pair<const char *, QString>> vars{{"PGPASSFILE", passFile},
                                                       {"PGBACKREST_LOCK_PATH", locks},
                                                       {"PGBACKREST_LOG_PATH", logs},
                                                       {"XDG_CONFIG_HOME", path(QStringLiteral("xdg/config"))},
                                                       {"XDG_STATE_HOME", path(QStringLiteral("xdg/state"))},
                                                       {"XDG_DATA_HOME", path(QStringLiteral("xdg/data"))}};
    m_env = CliRunner::cleanEnvironment(); // without the PG* variables of the shell that runs the tests
    for (const auto &[name, value] : vars) {
        qputenv(name, QFile::encodeName(value));
        m_env.insert(QLatin1String(name), value);
    }
    return true;
}

QStringList PgStanza::setupArgs() const
{
    return {QStringLiteral("--stanza"), m_stanza, QStringLiteral("--repo"), repository()};
}

CliResult PgStanza::setUp() const
{
    return dbops(QStringLiteral("pitr-setup"), setupArgs() << QStringLiteral("--yes"));
}

CliResult PgStanza::backup(const QString &type) const
{
    return dbops(QStringLiteral("backup"),
                 {QStringLiteral("--engine"), QStringLiteral("pgbackrest"), QStringLiteral("--type"), type,
                  QStringLiteral("--out"), path(QStringLiteral("catalog"))});
}

QString PgStanza::label(const CliResult &backup)
{
    return backup.json().value(QStringLiteral("backup")).toObject().value(QStringLiteral("label")).toString();
}

bool PgStanza::setUpWithFullBackup()
{
    if (!prepare())
        return false;
    const CliResult setup = setUp();
    if (setup.exitCode != 0) {
        qWarning("pitr-setup failed: %s", setup.err.constData());
        return false;
    }
    const CliResult full = backup(QStringLiteral("full"));
    if (full.exitCode != 0)
        qWarning("backup failed: %s", full.err.constData());
    return full.exitCode == 0;
}

QString PgStanza::uri() const
{
    const Target t = PgTestServer::target();
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(t.pg.user, t.pg.host).arg(t.pg.port).arg(t.pg.dbname);
}

QString PgStanza::uri(int port) const
{
    const Target t = PgTestServer::target();
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(t.pg.user).arg(port).arg(t.pg.dbname);
}

CliResult PgStanza::dbops(const QString &command, const QStringList &args, bool config) const
{
    QStringList line{command, QStringLiteral("--db"), uri(), QStringLiteral("--json")};
    if (config)
        line << QStringLiteral("--pgbackrest-config") << configFile();
    return CliRunner::run(line + args, m_env, {}, 180000);
}

bool PgStanza::archiveNow()
{
    return PgArchive::waitFor(
        [](const ArchiverState &before, const ArchiverState &now) { return now.archived > before.archived; });
}

int PgStanza::freePort()
{
    // The kernel's pick of a free port, released again at once.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = 0;
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    if (fd >= 0)
        ::close(fd);
    return port;
}

} // namespace dbops::test
