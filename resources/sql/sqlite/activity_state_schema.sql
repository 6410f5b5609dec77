-- The activity tables of the console's own state file (not a bot's store), created when missing.

CREATE TABLE IF NOT EXISTS activity_samples (
    target TEXT NOT NULL, at_ms INTEGER NOT NULL, active INTEGER NOT NULL, waiting INTEGER NOT NULL,
    idle INTEGER NOT NULL, idle_in_transaction INTEGER NOT NULL, aborted INTEGER NOT NULL,
    other INTEGER NOT NULL, console INTEGER NOT NULL, available INTEGER NOT NULL,
    pool_max INTEGER NOT NULL, interval_ms INTEGER NOT NULL);

CREATE INDEX IF NOT EXISTS activity_samples_target_at ON activity_samples (target, at_ms);

CREATE TABLE IF NOT EXISTS activity_baselines (
    target TEXT NOT NULL, taken_at TEXT NOT NULL, queryid INTEGER NOT NULL, query TEXT NOT NULL,
    calls INTEGER NOT NULL, total_ms REAL NOT NULL, rows INTEGER NOT NULL,
    blks_hit INTEGER NOT NULL, blks_read INTEGER NOT NULL);

CREATE INDEX IF NOT EXISTS activity_baselines_target ON activity_baselines (target);

CREATE TABLE IF NOT EXISTS activity_sqlite_samples (
    target TEXT NOT NULL, at_ms INTEGER NOT NULL, wal_bytes INTEGER NOT NULL,
    write_locks_held INTEGER NOT NULL, lock_probe_ms REAL NOT NULL, holders INTEGER NOT NULL,
    checkpoints_busy INTEGER NOT NULL, interval_ms INTEGER NOT NULL);

CREATE INDEX IF NOT EXISTS activity_sqlite_samples_target_at ON activity_sqlite_samples (target, at_ms);

CREATE TABLE IF NOT EXISTS activity_probes (
    target TEXT NOT NULL, sql TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (target, sql));
