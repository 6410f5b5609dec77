SELECT max(version)::text FROM schema_migrations
