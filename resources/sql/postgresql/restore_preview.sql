-- What a restore would change, read in one snapshot. A line "-- name: key" starts each statement.

-- name: server_version
SELECT current_setting('server_version_num')

-- name: rows_newer_than
-- Rows newer than the backup newest value. That value comes as a quoted literal and is cast to the
-- column type: QPSQL would turn a question mark inside a quoted table name into a placeholder.
SELECT count(*) FROM {table} WHERE {column} > CAST({literal} AS {type})
