#pragma once
// WAL archiving of the test server (tests/pg-server.sh starts it with archive_mode=on, archive_command
// '/bin/true'): a test points archive_command elsewhere, makes WAL, waits for the archiver, and puts it back.
// Tests that change it run alone (RUN_SERIAL in tests/CMakeLists.txt): the setting is the server's.
#include <QDateTime>
#include <QString>

namespace dbops::test {

struct ArchiverState {
    qint64 archived = 0;
    qint64 failed = 0;
    QDateTime lastArchived, lastFailed;
};

struct PgArchive {
    // ALTER SYSTEM SET archive_command + pg_reload_conf(); false (with a warning) when a statement failed.
    static bool setCommand(const QString &command);
    // Writes a little and switches to a new WAL segment, which the archiver is then asked to archive.
    static bool switchWal();
    static ArchiverState state();
    // Switches WAL until `done(state())` holds, for at most `limitMs`; true when it did.
    static bool waitFor(bool (*done)(const ArchiverState &, const ArchiverState &), int limitMs = 30000);
    // archive_command back to the server's own, archiving working again, the archiver's counters reset: the
    // server as the other tests expect it.
    static bool restore();
    // The OS user the server runs as ("postgres" when the tests run as root, else this user).
    static QString serverUser();
    // Gives `path` to the server's user (pgBackRest runs as that user), when the tests run as root.
    static bool giveToServer(const QString &path);
};

} // namespace dbops::test
