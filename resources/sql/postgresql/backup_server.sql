-- Server version (major from server_version_num) and the size of the database, for the backup manifest.
SELECT current_setting('server_version_num')::int, current_setting('server_version'), pg_database_size(current_database())
