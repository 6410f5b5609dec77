#include "hostilefiles.h"

#include <QFile>
#include <QFileInfo>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

namespace dbops::test {

namespace {

// Runs `setup` then `unfinished` in a forked child on `path`, which then exits without closing the database.
bool dieAfter(const QString &path, const char *setup, const char *unfinished)
{
    const QByteArray file = QFile::encodeName(path);
    const pid_t child = ::fork();
    if (child < 0)
        return false;
    if (child == 0) {
        sqlite3 *db = nullptr;
        if (sqlite3_open(file.constData(), &db) != SQLITE_OK || sqlite3_exec(db, setup, nullptr, nullptr, nullptr) ||
            sqlite3_exec(db, unfinished, nullptr, nullptr, nullptr))
            ::_exit(1);
        ::_exit(0); // no COMMIT, no close: the process is gone as if killed
    }
    int status = 0;
    return ::waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

bool HostileFiles::hotJournal(const QString &path)
{
    const char *setup = "PRAGMA journal_mode=DELETE;"
                        "CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT, price REAL, created_at TEXT);"
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                        " INSERT INTO trades (symbol, price, created_at) SELECT 'BTCUSDT', i, '2026-01-01' FROM n;";
    // A tiny cache makes the uncommitted changes spill into the main file, with their old pages in the journal.
    const char *unfinished =
        "PRAGMA cache_size=1; BEGIN; UPDATE trades SET price = price * 2;"
        "INSERT INTO trades (symbol, price, created_at) SELECT symbol, price, created_at FROM trades;";
    return dieAfter(path, setup, unfinished) && QFileInfo(path + QStringLiteral("-journal")).size() > 0;
}

bool HostileFiles::pendingWal(const QString &path)
{
    const char *setup = "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
                        "CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT, price REAL, created_at TEXT);";
    const char *committed = "INSERT INTO trades (symbol, price, created_at) VALUES ('ETHUSDT', 3000, '2026-01-02');";
    return dieAfter(path, setup, committed) && QFileInfo(path + QStringLiteral("-wal")).size() > 0;
}

} // namespace dbops::test
