-- Migration bookkeeping tables a bot may keep, on the search path: schema_migrations, alembic_version.
SELECT c.relname FROM pg_class c
WHERE c.relkind IN ('r', 'p') AND c.relname IN ('schema_migrations', 'alembic_version')
  AND pg_table_is_visible(c.oid)
