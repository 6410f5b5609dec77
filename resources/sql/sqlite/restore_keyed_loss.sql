-- Rows of the live store that a restore would lose: rows whose key is not in the backup (attached read-only
-- as {schema}). A line "-- name: <key>" starts each statement; {table} and {column} come quoted.

-- name: attach
-- ATTACH cannot run inside a transaction. The bound value is the backup's file: URI.
ATTACH DATABASE ? AS {schema}

-- name: lost_rows
SELECT count(*) FROM main.{table} AS l WHERE NOT EXISTS (SELECT 1 FROM {schema}.{table} AS b WHERE {same_key})

-- name: same_rowid
-- The key of a table without a primary key.
b.rowid = l.rowid

-- name: same_column
-- IS, not =: a rowid table primary key may hold NULLs, and NULL IS NULL is the same key.
b.{column} IS l.{column}
