#pragma once
// What the PostgreSQL CLI tests of restore and copy-back share: a database's URI on the test server (no password:
// libpq reads PGPASSFILE), the environment `dbops` runs in (XDG folders under a test folder) and a `dbops backup`.
#include <QProcessEnvironment>
#include <QString>

namespace dbops::test {

struct PgCliFixture {
    static QString uri(const QString &db);
    // CliRunner::cleanEnvironment() with PGPASSFILE and the XDG folders under `dir`.
    static QProcessEnvironment environment(const QString &dir);
    // `dbops backup --db uri(db) --out outDir --json`: the backup's path, empty (and a warning) when it failed.
    static QString backup(const QString &db, const QString &outDir, const QProcessEnvironment &env);
};

} // namespace dbops::test
