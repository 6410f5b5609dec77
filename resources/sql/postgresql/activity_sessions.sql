-- Every backend as the pool and slow-query views need them, in one pass (one backend-status snapshot): the
-- reader keeps client backends and counts the others. pg_blocking_pids() only for lock waiters: everyone
-- else has no blocker by definition. A session of another user, for a user without pg_read_all_stats, shows
-- only its pid, database, user and application_name (backend_type, state, times and query are NULL): it is
-- counted as a client when it has a database and a user (background processes have neither, autovacuum
-- workers no user), and marked hidden.
SELECT pid,
       usename AS user_name,
       application_name,
       coalesce(host(client_addr), '') AS client_addr,
       coalesce(datname, '') AS database,
       coalesce(state, '') AS state,
       coalesce(wait_event_type, '') AS wait_event_type,
       coalesce(wait_event, '') AS wait_event,
       extract(epoch FROM now() - backend_start)::float8 AS backend_seconds,
       coalesce(extract(epoch FROM now() - xact_start)::float8, -1) AS xact_seconds,
       coalesce(extract(epoch FROM now() - query_start)::float8, -1) AS query_seconds,
       coalesce(extract(epoch FROM now() - state_change)::float8, 0) AS state_seconds,
       left(query, 4000) AS query,
       CASE WHEN wait_event_type = 'Lock' THEN array_to_string(pg_blocking_pids(pid), ',') ELSE '' END AS blocked_by,
       pid = pg_backend_pid() AS is_self,
       coalesce((extract(epoch FROM query_start) * 1000)::bigint, 0) AS query_start_ms,
       coalesce(backend_type = 'client backend', datid IS NOT NULL AND usesysid IS NOT NULL) AS is_client,
       backend_type IS NULL AS is_hidden
FROM pg_stat_activity
ORDER BY pid
