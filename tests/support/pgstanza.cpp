#include "pgstanza.h"

#include "pgarchive.h"
#include "pgtestserver.h"

#include <QDir>
#include <QFile>

namespace dbops::test {

PgStanza::PgStanza(const QString &dir, const QString &stanza) : m_dir(dir), m_stanza(stanza)
{
    QDir().mkpath(dir);
    PgArchive::giveToServer(dir);
}

QString PgStanza::configFile() const { return m_dir + QStringLiteral("/pgbackrest.conf"); }

QProcessEnvironment PgStanza::environment() const
{
    QProcessEnvironment env = CliRunner::cleanEnvironment();
    env.insert(QStringLiteral("PGPASSFILE"), PgTestServer::passFile());
    for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
        if (qEnvironmentVariableIsSet(v))
            env.insert(QLatin1String(v), qEnvironmentVariable(v));
    return env;
}

CliResult PgStanza::dbops(const QString &command, const QStringList &args) const
{
    const Target t = PgTestServer::target();
    const QString uri =
        QStringLiteral("postgresql://%1@%2:%3/%4").arg(t.pg.user, t.pg.host).arg(t.pg.port).arg(t.pg.dbname);
    return CliRunner::run(QStringList{command, QStringLiteral("--db"), uri, QStringLiteral("--json"),
                                      QStringLiteral("--pgbackrest-config"), configFile()} +
                              args,
                          environment(), {}, 180000);
}

CliResult PgStanza::setUp() const
{
    return dbops(QStringLiteral("pitr-setup"), {QStringLiteral("--stanza"), m_stanza, QStringLiteral("--repo"),
                                                m_dir + QStringLiteral("/repo"), QStringLiteral("--yes")});
}

CliResult PgStanza::backup(const QString &type) const
{
    return dbops(QStringLiteral("backup"),
                 {QStringLiteral("--engine"), QStringLiteral("pgbackrest"), QStringLiteral("--type"), type,
                  QStringLiteral("--out"), m_dir + QStringLiteral("/catalog")});
}

QString PgStanza::label(const CliResult &backup)
{
    return backup.json().value(QStringLiteral("backup")).toObject().value(QStringLiteral("label")).toString();
}

QString PgStanza::anyPortPassFile() const
{
    const QString path = m_dir + QStringLiteral("/pgpass-any-port");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return {};
    const QString user = PgTestServer::target().pg.user, password = PgTestServer::password();
    for (const char *host : {"127.0.0.1", "localhost"})
        f.write(QStringLiteral("%1:*:*:%2:%3\n").arg(QLatin1String(host), user, password).toUtf8());
    return path;
}

} // namespace dbops::test
