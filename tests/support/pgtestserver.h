#pragma once
// The throwaway PostgreSQL 15 server of tests/pg-server.sh, as seen from a Qt Test executable.
// `bash tests/pg-server.sh start` writes an env file; sourcing it exports DBOPS_TEST_PGHOST, _PGPORT, _PGUSER,
// _PGDATABASE, _PGPASSFILE and _PGBIN (bash installer/dbops-setup.sh test does all of it around ctest).
// The password is only in the PGPASSFILE: on first use this helper exports PGPASSFILE into the process
// environment, so libpq (QPSQL, and pg_dump/psql started as child processes) finds it.
#include "connection/target.h"
#include "core/error.h"

#include <QString>
#include <QtTest/QTest>

namespace dbops::test {

struct PgTestServer {
    // True when the variables are set, the password file is readable, the QPSQL driver is installed and the
    // server accepts a connection (checked once per process). Otherwise `why` says what is missing and how
    // to start the server.
    static bool available(QString *why);
    // The test server, as DBOPS_TEST_PG* describe it; `dbname` empty means DBOPS_TEST_PGDATABASE.
    // No password in it: libpq reads PGPASSFILE.
    static Target target(const QString &dbname = {});
    // DBOPS_TEST_PGPASSFILE (also exported as PGPASSFILE).
    static QString passFile();
    // The test role's password, read from that file (for tests that hand it over another way).
    static QString password();
    // (Re)creates an empty database `name` from template1 (which has pg_stat_statements): a database left
    // by an earlier run is dropped first, so every test starts clean.
    static Error createDatabase(const QString &name);
    // Drops `name` if it exists, disconnecting sessions still on it.
    static Error dropDatabase(const QString &name);
    // Runs `statements` in order on one action session to `dbname` (empty: the default database), stopping at the
    // first that fails (its text and the server's error go to the test log). False on any failure.
    static bool exec(const QStringList &statements, const QString &dbname = {});
    // The first column of every row `sql` returns on `dbname` (empty list when it fails).
    static QStringList column(const QString &sql, const QString &dbname = {});
    // The PostgreSQL 15 programs (pg_dump, pg_restore, psql): DBOPS_TEST_PGBIN, else Debian's path.
    static QString binDir();
};

} // namespace dbops::test

// At the top of a test function that needs the server: fails (never skips) when it is not there, so a CI run
// without PostgreSQL cannot pass by testing nothing.
#define DBOPS_REQUIRE_PG()                                                                                             \
    do {                                                                                                               \
        QString dbopsPgWhy_;                                                                                           \
        if (!::dbops::test::PgTestServer::available(&dbopsPgWhy_))                                                     \
            QFAIL(qPrintable(dbopsPgWhy_));                                                                            \
    } while (false)
