-- Short statements many jobs share. A line "-- name: <key>" starts each; {word} is filled in by the caller
-- (SqlText::fill) with an identifier it quoted or a number it chose; values are bound (?).

-- name: begin
BEGIN

-- name: begin_immediate
-- Takes the write lock now, or fails with SQLITE_BUSY.
BEGIN IMMEDIATE

-- name: commit
COMMIT

-- name: rollback
ROLLBACK

-- name: read_schema
-- The first read of a connection: it tells a database from garbage behind a valid header, starts a read
-- transaction's snapshot and, in WAL mode, maps the -shm.
SELECT count(*) FROM sqlite_master

-- name: journal_mode
PRAGMA journal_mode

-- name: page_size
PRAGMA page_size

-- name: page_count
PRAGMA page_count

-- name: freelist_count
PRAGMA freelist_count

-- name: user_version
PRAGMA user_version

-- name: integrity_check
PRAGMA integrity_check

-- name: quick_check
-- At most {limit} problem rows.
PRAGMA quick_check({limit})

-- name: wal_checkpoint_passive
PRAGMA wal_checkpoint(PASSIVE)

-- name: mmap_size
PRAGMA mmap_size = {bytes}

-- name: query_only
PRAGMA query_only = 1

-- name: count_rows
SELECT count(*) FROM {table}

-- name: min_value
SELECT min({column}) FROM {table}

-- name: max_value
SELECT max({column}) FROM {table}

-- name: rows_newer_than
SELECT count(*) FROM {table} WHERE {column} > ?

-- name: library_version
SELECT sqlite_version(), sqlite_source_id()

-- name: sqlite_version
SELECT sqlite_version()

-- name: pragma
-- A PRAGMA that reads one value; {name} is chosen in code (page_size, freelist_count, auto_vacuum, ...).
PRAGMA {name}
