#pragma once
// SQLite files in the states a crashed or foreign writer leaves them, made by a forked child that writes with
// the SQLite C API and then dies without closing (as kill -9 would leave them).
#include <QString>

namespace dbops::test {

struct HostileFiles {
    // A rollback-journal store whose writer died mid-transaction: `path` plus a hot `path-journal`.
    static bool hotJournal(const QString &path);
    // A WAL store whose writer died with committed frames still only in `path-wal` (no checkpoint).
    static bool pendingWal(const QString &path);
    // A trading store (5000 trades, an index) with one b-tree page in the middle overwritten, as a disk or a
    // stray write leaves it: the header and schema read fine, the data does not.
    static bool corruptPages(const QString &path);
    // A store whose first page (the schema) is garbage after its 100-byte header: the header reads fine, the
    // schema does not.
    static bool corruptSchema(const QString &path);
    // A text file with a .db name.
    static bool notADatabase(const QString &path);
    // A 0-byte file.
    static bool empty(const QString &path);
    // A trading store cut to half its length (an interrupted copy, a full disk).
    static bool truncated(const QString &path);
    // A WAL store whose table, column and index names hold quotes, a newline, `;`, `--` and `/*` (a table
    // "fills<newline>row" among them).
    static bool hostileIdentifiers(const QString &path);
    // A healthy store of another application (notes, tags, an events log): no table a trading bot uses.
    static bool foreignSchema(const QString &path);
};

} // namespace dbops::test
