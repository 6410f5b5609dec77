-- Migration bookkeeping tables on the search path: schema_migrations (version) or alembic_version.
SELECT to_regclass('schema_migrations') IS NOT NULL, to_regclass('alembic_version') IS NOT NULL
