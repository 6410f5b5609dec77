-- The session a cancel/terminate would hit: must be a client backend, not this session.
SELECT application_name, backend_type, pid = pg_backend_pid() AS is_self, left(query, 200) AS query
FROM pg_stat_activity
WHERE pid = ?
