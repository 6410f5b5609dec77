-- After a restore: the rows each table received, as the server counted them (cumulative statistics; a table
-- pg_restore created has seen nothing but its COPY). Compared with the manifest before any count(*) is run.
SELECT schemaname || '.' || relname, n_tup_ins - n_tup_del
FROM pg_stat_user_tables
