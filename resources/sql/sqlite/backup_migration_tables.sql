-- Migration bookkeeping tables a bot may keep (dbops' demo bot and many runners: schema_migrations;
-- Alembic: alembic_version).
SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('schema_migrations', 'alembic_version')
