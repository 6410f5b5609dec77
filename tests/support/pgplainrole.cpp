#include "pgplainrole.h"

#include "clirunner.h"
#include "pgtestserver.h"

#include <QFile>
#include <QUuid>

namespace dbops::test {

namespace {
// Role names here are the tests' own constants: plain identifiers, no quoting needed.
QStringList dropStatements(const QString &name)
{
    // DROP OWNED also revokes what was granted on shared objects (the database's CONNECT).
    return {QStringLiteral("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1') THEN "
                           "EXECUTE 'DROP OWNED BY %1'; EXECUTE 'DROP ROLE %1'; END IF; END $$")
                .arg(name)};
}
} // namespace

PgPlainRole::PgPlainRole(const QString &name, const QString &dbname)
    : m_name(name), m_dbname(dbname), m_password(QUuid::createUuid().toString(QUuid::Id128))
{
    if (!PgTestServer::exec(dropStatements(m_name)) ||
        !PgTestServer::exec({QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(m_name, m_password),
                             QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2").arg(m_dbname, m_name)}))
        return;
    const Target t = target();
    QFile file(m_dir.filePath(QStringLiteral("pgpass")));
    if (!m_dir.isValid() || !file.open(QIODevice::WriteOnly))
        return;
    file.write(QStringLiteral("%1:%2:*:%3:%4\n").arg(t.pg.host).arg(t.pg.port).arg(m_name, m_password).toUtf8());
    file.close();
    m_ok = file.setPermissions(QFile::ReadOwner | QFile::WriteOwner); // libpq ignores a file others can read
}

PgPlainRole::~PgPlainRole() { PgTestServer::exec(dropStatements(m_name)); }

Target PgPlainRole::target() const
{
    Target t = PgTestServer::target(m_dbname);
    t.pg.user = m_name;
    t.pg.password = m_password;
    return t;
}

QString PgPlainRole::uri() const
{
    const Target t = target();
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(m_name, t.pg.host).arg(t.pg.port).arg(m_dbname);
}

QProcessEnvironment PgPlainRole::cliEnvironment() const
{
    QProcessEnvironment env = CliRunner::cleanEnvironment();
    env.insert(QStringLiteral("PGPASSFILE"), m_dir.filePath(QStringLiteral("pgpass")));
    return env;
}

} // namespace dbops::test
