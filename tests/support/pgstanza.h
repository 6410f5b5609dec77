#pragma once
// A real pgBackRest stanza of the PostgreSQL 15 test server with a local repository in a temporary folder of its
// own, set up the way an operator does it: `dbops pitr-setup --yes` (pgbackrest.conf, archive_command,
// stanza-create, check), then `dbops backup --engine pgbackrest`. The server's archive_command points into that
// repository until the test puts it back with PgArchive::restore(): tests using this run alone (RUN_SERIAL in
// tests/CMakeLists.txt).
// pgBackRest keeps its lock and log files in the folder too, so two runs on one machine with the same stanza name
// never meet in /tmp/pgbackrest. They are given in the environment (PGBACKREST_LOCK_PATH, PGBACKREST_LOG_PATH:
// pgBackRest reads every option from PGBACKREST_<OPTION>, and dbops hands its environment on to pgbackrest), not in
// pgbackrest.conf: pitr-setup writes that file, with its own [global], and runs stanza-create at once.
#include "clirunner.h"

#include <QProcessEnvironment>
#include <QTemporaryDir>

namespace dbops::test {

class PgStanza {
public:
    explicit PgStanza(const QString &stanza) : m_stanza(stanza) {}

    // The folder, given to the server's user (pgBackRest runs as it); a password file for the test server's user on
    // any port of 127.0.0.1 and localhost (side instances are copies of the server, with its roles, on ports of
    // their own); and the environment the CLI runs with, exported to this process too (the console's jobs run
    // pgbackrest and connect to side instances): PGPASSFILE, the pgBackRest paths and XDG folders in the folder.
    // False (with a warning) when a step failed.
    bool prepare();
    CliResult setUp() const;                       // pitr-setup --yes
    CliResult backup(const QString &type) const;   // backup --engine pgbackrest --type TYPE --out catalog/
    static QString label(const CliResult &backup); // the label of the backup it made
    // prepare(), setUp() and a full backup; false (with a warning) when a step failed.
    bool setUpWithFullBackup();

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString configFile() const { return path(QStringLiteral("pgbackrest.conf")); }
    QString repository() const { return path(QStringLiteral("repo")); }
    QStringList setupArgs() const; // --stanza NAME --repo DIR
    QString uri() const;           // the live test database, no password
    QString uri(int port) const;   // the same user and database on 127.0.0.1:port (a side instance)
    const QProcessEnvironment &env() const { return m_env; }
    // `dbops command --db <live> --json args…`, with --pgbackrest-config FILE when `config`.
    CliResult dbops(const QString &command, const QStringList &args, bool config = true) const;

    // Switches WAL until the server archived a segment after this call: what was committed is in the repository.
    static bool archiveNow();
    // A TCP port nothing listens on right now.
    static int freePort();

private:
    bool writePassFile(const QString &file) const;

    QString m_stanza;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

} // namespace dbops::test
