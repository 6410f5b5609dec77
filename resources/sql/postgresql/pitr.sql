-- Point-in-time recovery: which cluster a pgBackRest stanza belongs to, and how far its archive reaches.

-- name: server
SELECT system_identifier::text AS system_id,
       a.last_archived_wal,
       a.last_archived_time,
       current_setting('data_directory') AS data_directory,
       current_setting('archive_mode') AS archive_mode,
       current_setting('archive_command') AS archive_command,
       current_setting('port') AS port,
       current_setting('unix_socket_directories') AS socket_directories
FROM pg_control_system(), pg_stat_archiver a

-- name: reload
SELECT pg_reload_conf()


-- name: set_archive_command
-- The command goes in as a quoted literal, made in code: ALTER SYSTEM takes no bound values.
ALTER SYSTEM SET archive_command = {command}

-- name: set_archive_mode
ALTER SYSTEM SET archive_mode = 'on'
