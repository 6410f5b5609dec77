-- One row: the connection capacity of the server (reserved_connections exists from PostgreSQL 16 on), and
-- whether the console user may look into the sessions of other users (superuser, or the privileges of
-- pg_read_all_stats, which pg_monitor has: USAGE, as pg_stat_activity checks it). No pg_stat_activity here:
-- each statement touching it builds a snapshot of every backend, the costly part.
SELECT current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int AS superuser_reserved,
       coalesce(current_setting('reserved_connections', true), '0')::int AS reserved,
       current_setting('server_version_num')::int AS server_version_num,
       current_database() AS database,
       current_user AS user_name,
       quote_ident(current_user) AS user_ident,
       current_setting('is_superuser') = 'on' OR pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS privileged
