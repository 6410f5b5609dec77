#pragma once
// A pgBackRest stanza of the PostgreSQL test server with a repository in a test's folder, made as an operator
// makes one: `dbops pitr-setup --yes` (pgbackrest.conf, archive_command, stanza-create, check), then backups with
// `dbops backup --engine pgbackrest`. The test that makes one runs alone (RUN_SERIAL: archive_command is the
// server's) and puts the server back with PgArchive::restore().
#include "clirunner.h"

namespace dbops::test {

class PgStanza {
public:
    // `dir` holds pgbackrest.conf and repo/; it is given to the server's user (pgBackRest runs as it), so its
    // parents must let that user through: a QTemporaryDir of its own, not a folder inside another one.
    PgStanza(const QString &dir, const QString &stanza);
    QString configFile() const;
    // The environment the CLI runs with: this process's XDG folders and PGPASSFILE.
    QProcessEnvironment environment() const;
    CliResult setUp() const;                       // pitr-setup --yes
    CliResult backup(const QString &type) const;   // backup --engine pgbackrest --type TYPE
    static QString label(const CliResult &backup); // the label of the backup it made
    // A password file (in `dir`, 0600) for the test server's user on any port of 127.0.0.1 and localhost: the side
    // instances are copies of the test server, with its roles and passwords, on ports of their own. Empty when it
    // could not be written.
    QString anyPortPassFile() const;

private:
    CliResult dbops(const QString &command, const QStringList &args) const;
    QString m_dir;
    QString m_stanza;
};

} // namespace dbops::test
