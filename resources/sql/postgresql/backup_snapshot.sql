-- The snapshot transaction pg_dump reads through, and the row counts taken in it. A line "-- name: key"
-- starts each statement.

-- name: no_statement_timeout
SET LOCAL statement_timeout = 0

-- name: no_idle_timeout
SET LOCAL idle_in_transaction_session_timeout = 0

-- name: lock_timeout
SET LOCAL lock_timeout = {milliseconds}

-- name: export
SELECT pg_export_snapshot()

-- name: count_rows
SELECT count(*), NULL FROM {table}

-- name: count_rows_newest
SELECT count(*), max({column})::text FROM {table}
