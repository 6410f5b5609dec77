-- Tables a migration tool could keep its state in: (schema, name), every user schema (Drizzle uses "drizzle").
-- From pg_class, not information_schema.tables: that view leaves out the tables the console user may not
-- read, and a migration table hidden that way would read as no migration table at all.
SELECT n.nspname AS table_schema, c.relname AS table_name
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND c.relpersistence <> 't'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY n.nspname = 'public' DESC, n.nspname, c.relname
