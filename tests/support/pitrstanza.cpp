#include "pitrstanza.h"

#include "pgarchive.h"
#include "pgtestserver.h"

#include <QFile>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dbops::test {

bool PitrStanza::setUp(const QString &stanza)
{
    if (!m_dir.isValid() || !PgArchive::giveToServer(m_dir.path())) // pgBackRest runs as the cluster's owner
        return false;
    const QString pass = path(QStringLiteral("pgpass"));
    QFile f(pass);
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return false;
    f.write(
        QStringLiteral("127.0.0.1:*:*:%1:%2\n").arg(PgTestServer::target().pg.user, PgTestServer::password()).toUtf8());
    f.close();
    qputenv("PGPASSFILE", QFile::encodeName(pass));
    m_env = CliRunner::cleanEnvironment();
    m_env.insert(QStringLiteral("PGPASSFILE"), pass);
    for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
        m_env.insert(QLatin1String(v), path(QStringLiteral("xdg")));
    const CliResult setup =
        dbops(QStringLiteral("pitr-setup"),
              {QStringLiteral("--stanza"), stanza, QStringLiteral("--repo"), repository(), QStringLiteral("--yes")});
    if (setup.exitCode != 0) {
        qWarning("pitr-setup failed: %s", setup.err.constData());
        return false;
    }
    const CliResult backup =
        dbops(QStringLiteral("backup"), {QStringLiteral("--engine"), QStringLiteral("pgbackrest"),
                                         QStringLiteral("--out"), path(QStringLiteral("catalog"))});
    if (backup.exitCode != 0)
        qWarning("backup failed: %s", backup.err.constData());
    return backup.exitCode == 0;
}

bool PitrStanza::restore() { return PgArchive::restore(); }

QString PitrStanza::uri() const { return uri(PgTestServer::target().pg.port); }

QString PitrStanza::uri(int port) const
{
    const Target t = PgTestServer::target();
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(t.pg.user).arg(port).arg(t.pg.dbname);
}

QStringList PitrStanza::configArg() const
{
    return {QStringLiteral("--pgbackrest-config"), path(QStringLiteral("pgbackrest.conf"))};
}

CliResult PitrStanza::dbops(const QString &command, const QStringList &args, bool config) const
{
    QStringList line{command, QStringLiteral("--db"), uri(), QStringLiteral("--json")};
    if (config)
        line += configArg();
    return CliRunner::run(line + args, m_env, {}, 180000);
}

bool PitrStanza::archiveNow()
{
    return PgArchive::waitFor(
        [](const ArchiverState &before, const ArchiverState &now) { return now.archived > before.archived; });
}

int PitrStanza::freePort()
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
