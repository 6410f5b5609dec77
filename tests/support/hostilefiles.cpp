#include "hostilefiles.h"

#include "sqlitefixture.h"

#include <QFile>
#include <QFileInfo>
#include <QVariant>
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

bool HostileFiles::corruptPages(const QString &path)
{
    if (!SqliteFixture::createTradingStore(path, 5000, false) ||
        !SqliteFixture::exec(path, QStringLiteral("CREATE INDEX trades_by_price ON trades (symbol, price)")))
        return false;
    const qint64 pageSize = SqliteFixture::scalar(path, QStringLiteral("PRAGMA page_size")).toLongLong();
    const qint64 pages = SqliteFixture::scalar(path, QStringLiteral("PRAGMA page_count")).toLongLong();
    QFile f(path);
    if (pages < 8 || !f.open(QIODevice::ReadWrite) || !f.seek((pages / 2) * pageSize))
        return false;
    return f.write(QByteArray(int(pageSize), '\xa5')) == pageSize;
}

bool HostileFiles::corruptSchema(const QString &path)
{
    if (!SqliteFixture::createTradingStore(path, 2000, false))
        return false;
    const qint64 pageSize = SqliteFixture::scalar(path, QStringLiteral("PRAGMA page_size")).toLongLong();
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.seek(100) &&
           f.write(QByteArray(int(pageSize) - 100, '\x5a')) == pageSize - 100;
}

bool HostileFiles::notADatabase(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write("symbol,price\nBTCUSDT,40000\n") > 0;
}

bool HostileFiles::empty(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly);
}

bool HostileFiles::truncated(const QString &path)
{
    if (!SqliteFixture::createTradingStore(path, 2000, false))
        return false;
    QFile f(path);
    return f.resize(f.size() / 2);
}

bool HostileFiles::hostileIdentifiers(const QString &path)
{
    return SqliteFixture::createTradingStore(path, 20) &&
           SqliteFixture::create(
               path,
               {QStringLiteral("CREATE TABLE \"order book; DROP TABLE trades; --\" (\"say \"\"hi\"\"\" TEXT, "
                               "\"new\nline\" INTEGER, \"*/ x /*\" REAL)"),
                QStringLiteral("INSERT INTO \"order book; DROP TABLE trades; --\" VALUES ('a', 1, 2.0), ('b', 2, 3.0)"),
                QStringLiteral("CREATE INDEX \"idx' OR 1=1 --\" ON \"order book; DROP TABLE trades; --\" "
                               "(\"new\nline\")"),
                QStringLiteral("CREATE TABLE \"what's up?\" (id INTEGER PRIMARY KEY, \"created at\" TEXT)"),
                QStringLiteral("INSERT INTO \"what's up?\" (\"created at\") VALUES ('2026-01-01T00:00:00Z')"),
                QStringLiteral("CREATE TABLE \"fills\nrow\" (id INTEGER PRIMARY KEY)")},
               true);
}

bool HostileFiles::foreignSchema(const QString &path)
{
    return SqliteFixture::create(
        path,
        {QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT, created_at TEXT)"),
         QStringLiteral("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"),
         QStringLiteral("CREATE TABLE note_tags (note_id INTEGER NOT NULL REFERENCES notes(id), tag_id INTEGER NOT "
                        "NULL REFERENCES tags(id), PRIMARY KEY (note_id, tag_id)) WITHOUT ROWID"),
         QStringLiteral("CREATE INDEX note_tags_by_tag ON note_tags (tag_id)"),
         // A log with a time column: exactly what cleanup would offer to prune in a bot's store.
         QStringLiteral("CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT, created_at TEXT)"),
         QStringLiteral("INSERT INTO notes (title, body, created_at) VALUES ('groceries', 'milk', '2020-05-01')"),
         QStringLiteral("INSERT INTO tags (name) VALUES ('home')"),
         QStringLiteral("INSERT INTO note_tags VALUES (1, 1)"),
         QStringLiteral("INSERT INTO events (kind, created_at) VALUES ('sync', '2020-05-01T10:00:00Z'), "
                        "('sync', '2020-06-01T10:00:00Z')")},
        true);
}

} // namespace dbops::test
