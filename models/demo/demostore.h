#pragma once
// `dbops demo`: creates a realistic trading-bot data directory to try the console on, shaped after the seeds'
// split data directory (002) with the CTS tables and numbered migrations (003):
//
//   settings.json                            {"database_type":"sqlite","db_path":"trading/trading.db"}
//   trading/trading.db                       SQLite WAL; schema in resources/sql/sqlite/demo_schema.sql
//   trading/migrations/001_initial.sql ...   015 scripts: 001..012 applied, 013..015 pending
//   trading/.writer.lock                     a stale lock: the PID of a process that is not alive
//   signals/signals.db, config/config.db     small SQLite WAL stores
//   market_data/.schema_version              "1.0.0"
//   market_data/candles_<date>.duckdb        a 4 KiB DuckDB stand-in (header magic only)
//   backups/trading/<date>/trading.db        a VACUUM INTO copy of trading.db
//
// Every generated table is a pure function of DemoOptions (fixed seed, fixed base time), so two runs produce
// identical contents. Row counts follow DemoRules.
#include "core/error.h"
#include "demo/demooptions.h"

#include <QString>

namespace dbops {

class DemoStore {
public:
    // Creates the directory (and parents). Refuses with Usage when `outDir` exists and is not an empty
    // directory, or when the options make no sense. This is the one place dbops creates a database file.
    static Error create(const QString &outDir, const DemoOptions &opts = {});

    // Where create() puts things, relative to the data directory.
    static QString tradingDbPath(const QString &dir);
    static QString writerLockPath(const QString &dir);
    static QString backupPath(const QString &dir, const DemoOptions &opts = {});
};

} // namespace dbops
