-- Other client sessions on the current database, grouped by application_name (writer detection before a
-- restore). Our own session is left out.
SELECT coalesce(application_name, '') AS app,
       count(*) AS sessions,
       string_agg(pid::text, ',' ORDER BY pid) AS pids,
       count(*) FILTER (WHERE state = 'active') AS active,
       count(*) FILTER (WHERE state LIKE 'idle in transaction%') AS in_transaction,
       count(*) FILTER (WHERE state = 'idle') AS idle,
       string_agg(DISTINCT coalesce(host(client_addr), 'local'), ',') AS clients
FROM pg_stat_activity
WHERE datname = current_database()
  AND pid <> pg_backend_pid()
  AND backend_type = 'client backend'
GROUP BY coalesce(application_name, '')
ORDER BY 2 DESC, 1
