-- The statements of `dbops maintenance` on an SQLite store; the preview shows them as they are here.
-- A line "-- name: <key>" starts each statement.

-- name: vacuum
VACUUM

-- name: checkpoint_truncate
-- Waits (busy timeout) for readers and writers, then empties the -wal.
PRAGMA wal_checkpoint(TRUNCATE)

-- name: incremental_vacuum
PRAGMA incremental_vacuum

-- name: incremental_vacuum_pages
PRAGMA incremental_vacuum({pages})

-- name: optimize
-- 0x10000: every table, not only those this (fresh) connection has used; 0x02: ANALYZE where it helps.
PRAGMA optimize(0x10002)

-- name: optimize_preview
-- The debug bit 0x01 added: lists the statements optimize would run and runs none.
PRAGMA optimize(0x10003)

-- name: analyze
ANALYZE
