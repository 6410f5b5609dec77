-- The newest and oldest instant of an ISO-8601 text time column, whatever shapes and zones its rows mix
-- ("2026-12-05 09:46:55" beside "2026-12-05T08:34:14.564Z" or "…+02:00"). min()/max() compare text, which is
-- right only while every row has one shape; julianday() reads them all. The text bound two days from the
-- greatest (smallest) text keeps an index on the column in use: every shape and zone (≤ 14 h) of a later
-- (earlier) instant sorts inside it. {column} and {table} come quoted; ? is min()'s or max()'s text.

-- name: newest_instant
SELECT {column} FROM {table}
WHERE {column} >= date(?, '-2 days') AND julianday({column}) IS NOT NULL
ORDER BY julianday({column}) DESC LIMIT 1

-- name: oldest_instant
SELECT {column} FROM {table}
WHERE {column} < date(?, '+2 days') AND julianday({column}) IS NOT NULL
ORDER BY julianday({column}) LIMIT 1

-- name: rows_newer_instant
-- Rows later than the instant ?2 (any shape), among those within two days of it and after.
SELECT count(*) FROM {table}
WHERE {column} >= date(?, '-2 days') AND julianday({column}) > julianday(?)

-- name: is_instant
SELECT julianday(?) IS NOT NULL
