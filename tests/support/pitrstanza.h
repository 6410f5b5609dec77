#pragma once
// A real pgBackRest stanza of the PostgreSQL 15 test server with a local repository in a temporary folder, set up
// the way an operator does it (dbops pitr-setup --yes, then dbops backup --engine pgbackrest), for the tests that
// restore from it. The server's archive_command points into that repository until the test case ends (restore()
// puts it back): tests using this run alone (RUN_SERIAL in tests/CMakeLists.txt).
// A password file matching any port is exported (PGPASSFILE): the side instances are copies of the test server,
// with its roles and passwords, on ports of their own.
#include "clirunner.h"

#include <QProcessEnvironment>
#include <QTemporaryDir>

namespace dbops::test {

class PitrStanza {
public:
    // pitr-setup --yes + a full backup; false (with a warning) when a step failed.
    bool setUp(const QString &stanza);
    // archive_command back to the test server's own.
    bool restore();

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString uri() const;           // the live test database, no password
    QString uri(int port) const;   // the same user and database on 127.0.0.1:port (a side instance)
    QStringList configArg() const; // --pgbackrest-config FILE
    const QProcessEnvironment &env() const { return m_env; }
    QString repository() const { return path(QStringLiteral("repo")); }
    // `dbops command --db <live> --json args…` (with configArg() when `config`).
    CliResult dbops(const QString &command, const QStringList &args, bool config = true) const;
    // Switches WAL until the server archived a segment after this call: what was committed is in the repository.
    static bool archiveNow();
    // A TCP port nothing listens on right now.
    static int freePort();

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

} // namespace dbops::test
