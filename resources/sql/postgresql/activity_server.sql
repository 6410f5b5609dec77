-- One row: the connection capacity of the server (reserved_connections exists from PostgreSQL 16 on). No
-- pg_stat_activity here: each statement touching it builds a snapshot of every backend, the costly part.
SELECT current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int AS superuser_reserved,
       coalesce(current_setting('reserved_connections', true), '0')::int AS reserved,
       current_setting('server_version_num')::int AS server_version_num,
       current_database() AS database
