-- The database size and the server version (REINDEX CONCURRENTLY needs 12+).
SELECT pg_database_size(current_database()), current_setting('server_version_num')::int
