-- The statements of `dbops maintenance` on PostgreSQL; the preview shows them as they are here, the console
-- marker is added when they run. A line "-- name: key" starts each statement; {table} and {index} come
-- quoted.

-- name: vacuum
-- Plain VACUUM, not FULL: the bot keeps reading and writing.
VACUUM (ANALYZE)

-- name: vacuum_table
VACUUM (ANALYZE) {table}

-- name: analyze
ANALYZE

-- name: analyze_table
ANALYZE {table}

-- name: reindex_table
REINDEX TABLE CONCURRENTLY {table}

-- name: reindex_index
REINDEX INDEX CONCURRENTLY {index}
