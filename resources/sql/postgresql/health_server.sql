-- Transaction-id age of this database (wraparound at 2^31) and the server version.
SELECT age(datfrozenxid) AS xid_age, current_setting('server_version') AS server_version,
       current_setting('autovacuum_freeze_max_age')::bigint AS freeze_max_age
FROM pg_database
WHERE datname = current_database()
