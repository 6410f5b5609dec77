-- The scratch database a backup is restored into to verify it. A line "-- name: key" starts each statement.

-- name: create
CREATE DATABASE {database} TEMPLATE template0

-- name: drop
DROP DATABASE IF EXISTS {database} WITH (FORCE)
