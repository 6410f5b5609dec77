-- Reads and writes of the activity tables in the console's own state file (activity_state_schema.sql).
-- A line "-- name: <key>" starts each statement; values are bound by position.

-- name: probes_load
SELECT sql FROM activity_probes WHERE target = ? ORDER BY added_at, rowid

-- name: probes_add
INSERT OR IGNORE INTO activity_probes (target, sql, added_at) VALUES (?, ?, ?)

-- name: probes_remove
DELETE FROM activity_probes WHERE target = ? AND sql = ?

-- name: probes_clear
DELETE FROM activity_probes WHERE target = ?

-- name: baseline_clear
DELETE FROM activity_baselines WHERE target = ?

-- name: baseline_insert
INSERT INTO activity_baselines (target, taken_at, queryid, query, calls, total_ms, rows, blks_hit, blks_read)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: baseline_load
SELECT taken_at, queryid, query, calls, total_ms, rows, blks_hit, blks_read FROM activity_baselines WHERE target = ?

-- name: samples_insert
INSERT INTO activity_samples (target, at_ms, active, waiting, idle, idle_in_transaction, aborted, other, console,
                              available, pool_max, interval_ms)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: samples_range
SELECT at_ms, active, waiting, idle, idle_in_transaction, aborted, other, console, available, pool_max, interval_ms
FROM activity_samples WHERE target = ? AND at_ms BETWEEN ? AND ? ORDER BY at_ms

-- name: sqlite_samples_insert
INSERT INTO activity_sqlite_samples (target, at_ms, wal_bytes, write_locks_held, lock_probe_ms, holders,
                                     checkpoints_busy, interval_ms)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)

-- name: sqlite_samples_range
SELECT at_ms, wal_bytes, write_locks_held, lock_probe_ms, holders, checkpoints_busy, interval_ms
FROM activity_sqlite_samples WHERE target = ? AND at_ms BETWEEN ? AND ? ORDER BY at_ms

-- name: prune
-- {table}: activity_samples or activity_sqlite_samples.
DELETE FROM {table} WHERE target = ? AND at_ms < ?
