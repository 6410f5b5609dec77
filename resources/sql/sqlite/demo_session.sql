-- The demo generator's and the simulated bot's connection set-up. A line "-- name: <key>" starts each.

-- name: wal
-- Stored in the file, as the bots set it.
PRAGMA journal_mode = WAL

-- name: no_sync
-- Per connection, not stored: a half-written demo is re-created, never recovered.
PRAGMA synchronous = OFF

-- name: cache_size
PRAGMA cache_size = -32000

-- name: foreign_keys
PRAGMA foreign_keys = ON
