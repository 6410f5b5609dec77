#pragma once
// A login role of the PostgreSQL test server without pg_monitor / pg_read_all_stats, as monitoring users often
// are: it sees other users' sessions without their state or statement. Made for one test (dropped first when an
// earlier run left it) with CONNECT on one database, and dropped again at the end. Its password lives in a
// password file of its own, handed to the CLI through PGPASSFILE (never on a command line).
#include "connection/target.h"

#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

namespace dbops::test {

class PgPlainRole {
public:
    PgPlainRole(const QString &name, const QString &dbname);
    ~PgPlainRole();
    PgPlainRole(const PgPlainRole &) = delete;
    PgPlainRole &operator=(const PgPlainRole &) = delete;

    bool ok() const { return m_ok; } // created, granted, password file written
    QString name() const { return m_name; }
    // The test server's database as this role (password in memory, for the tests' own connections).
    Target target() const;
    // postgresql://role@host:port/db, no password: what the CLI tests pass.
    QString uri() const;
    // CliRunner::cleanEnvironment() with PGPASSFILE naming this role's password file.
    QProcessEnvironment cliEnvironment() const;

private:
    QString m_name;
    QString m_dbname;
    QString m_password;
    QTemporaryDir m_dir;
    bool m_ok = false;
};

} // namespace dbops::test
