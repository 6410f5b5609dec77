-- The oldest and newest value of an unindexed time column in a big table: the first and last rows written
-- (rowid order) instead of a full scan. {column} and {table} come quoted.

-- name: first_written
SELECT {column} FROM {table} ORDER BY rowid LIMIT 1

-- name: last_written
SELECT {column} FROM {table} ORDER BY rowid DESC LIMIT 1
