-- The probe queries run against a bot's SQLite store to find slow reads. A line "-- name: <key>" starts each
-- statement; {table} and {order} come quoted, {statement} is the probe query itself.

-- name: plan
EXPLAIN QUERY PLAN {statement}

-- name: max_rowid
-- The cheap row estimate: the largest rowid (count(*) when the table has none).
SELECT max(rowid) FROM {table}

-- name: table_info
PRAGMA table_info({table})

-- name: tables
SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name

-- name: newest_rows
-- The default probe of a table; the operator sees this text.
SELECT * FROM {table} ORDER BY {order} DESC LIMIT 100
