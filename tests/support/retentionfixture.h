#pragma once
// A SQLite store for retention tests, written with its own connection: rows at known ages before `now`, each
// half an hour off a whole hour so that no row sits on a cut-off.
//   market_data (id, symbol, timestamp ISO text, close): 240 rows, row i is i h 30 min old
//   archived_market_data (id, symbol, timestamp, close, archived_at NOT NULL): empty
//   candles (symbol, interval, open_time epoch ms, close; composite primary key): 100 rows
//   indication_states (id, calculated_at epoch seconds as REAL): 60 rows
//   ticks (symbol, ts epoch ms) WITHOUT ROWID: 30 rows
//   trades (id, symbol, created_at ISO "…T…Z"): 50 rows, row i is i days 30 min old (protected)
#include <QDateTime>
#include <QString>

namespace dbops::test {

struct RetentionFixture {
    static bool create(const QString &path, const QDateTime &now, bool wal = true);
    // Rows of `table` among the first `rows` of the fixture that are older than `keepHours` (i ≥ keepHours).
    static int expired(int rows, int keepHours) { return rows > keepHours ? rows - keepHours : 0; }
    static QString isoAgo(const QDateTime &now, qint64 seconds, bool tz = false);
};

} // namespace dbops::test
