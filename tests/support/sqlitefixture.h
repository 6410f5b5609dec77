#pragma once
// Small real SQLite files for tests, written with a connection of their own (never the code under test).
#include <QString>
#include <QStringList>

namespace dbops::test {

struct SqliteFixture {
    // Creates `path` with the given statements run in order (WAL when `wal`). Returns false on any error.
    static bool create(const QString &path, const QStringList &statements, bool wal = false);
    // A small trading-like store: trades(id, symbol, price, created_at) with `rows` rows, orders, positions.
    static bool createTradingStore(const QString &path, int rows = 10, bool wal = true);
    // Runs one query on a separate connection and returns the first column of the first row.
    static QVariant scalar(const QString &path, const QString &sql);
    // count(*) of `table` in the store at `path` (0 when it cannot be read).
    static qint64 rows(const QString &path, const QString &table);
    // Runs one writing statement on its own read-write connection (as the bot would); false on any error.
    static bool exec(const QString &path, const QString &sql);
    // Runs `statements` on a WAL store and closes without a checkpoint, as a bot killed after its commits
    // leaves it: the commits are only in a non-empty -wal, and no connection is open afterwards.
    static bool execLeavingWal(const QString &path, const QStringList &statements);
};

} // namespace dbops::test
