#include "pgclifixture.h"

#include "clirunner.h"
#include "pgtestserver.h"

namespace dbops::test {

QString PgCliFixture::uri(const QString &db)
{
    const Target t = PgTestServer::target(db);
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(t.pg.user, t.pg.host).arg(t.pg.port).arg(db);
}

QProcessEnvironment PgCliFixture::environment(const QString &dir)
{
    QProcessEnvironment env = CliRunner::cleanEnvironment();
    env.insert(QStringLiteral("PGPASSFILE"), PgTestServer::passFile());
    for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
        env.insert(QLatin1String(v), dir + QStringLiteral("/xdg"));
    return env;
}

QString PgCliFixture::backup(const QString &db, const QString &outDir, const QProcessEnvironment &env)
{
    const CliResult r = CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), uri(db),
                                        QStringLiteral("--out"), outDir, QStringLiteral("--json")},
                                       env);
    if (r.exitCode != 0) {
        qWarning("dbops backup: exit %d: %s", r.exitCode, r.err.constData());
        return {};
    }
    return r.json().value(QLatin1String("path")).toString();
}

} // namespace dbops::test
