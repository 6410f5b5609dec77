-- Tables a migration tool could keep its state in: (schema, name), every user schema (Drizzle uses "drizzle").
SELECT table_schema, table_name
FROM information_schema.tables
WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'
ORDER BY table_schema = 'public' DESC, table_schema, table_name
