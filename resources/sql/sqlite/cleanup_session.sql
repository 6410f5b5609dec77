-- The cleanup connection to a bot's SQLite store. A line "-- name: <key>" starts each statement.

-- name: freelist_bytes
-- Bytes on the free list: pages a delete released for reuse.
SELECT freelist_count * page_size FROM pragma_freelist_count, pragma_page_size

-- name: synchronous_normal
-- WAL mode only: a commit need not wait for fsync.
PRAGMA synchronous = NORMAL

-- name: no_autocheckpoint
-- Checkpoints run in the pauses between batches, never inside a batch commit.
PRAGMA wal_autocheckpoint = 0
