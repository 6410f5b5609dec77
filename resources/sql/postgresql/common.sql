-- Short statements many jobs share. A line "-- name: key" starts each; {word} is filled in by the caller
-- (SqlText::fill) with an identifier it quoted or a number it chose; values are bound. No question mark and
-- no apostrophe in these comments: QPSQL would take them for placeholders and strings.

-- name: begin
BEGIN

-- name: begin_snapshot
-- One snapshot for every statement of the transaction, and no writes.
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY

-- name: commit
COMMIT

-- name: rollback
ROLLBACK

-- name: ping
SELECT 1

-- name: backend_pid
SELECT pg_backend_pid()

-- name: cancel_backend
SELECT pg_cancel_backend(?)

-- name: terminate_backend
SELECT pg_terminate_backend(?)

-- name: count_rows
SELECT count(*) FROM {table}

-- name: min_value
SELECT min({column}) FROM {table}

-- name: max_value
SELECT max({column}) FROM {table}

-- name: max_text
SELECT max({column})::text FROM {table}

-- name: create_database
CREATE DATABASE {database}

-- name: drop_database
DROP DATABASE IF EXISTS {database}

-- name: server_version
-- What the connect dialog shows after a successful test.
SELECT current_setting('server_version')
