-- Whether pg_stat_statements is usable here: preloaded by the server, and created in this database.
SELECT coalesce((SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements'), '') AS version,
       current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%' AS preloaded,
       current_database() AS database
