-- Tables whose data a pg_dump archive holds (one TABLE DATA entry each), named as pg_restore -l names
-- them: schema and table. Partitioned parents hold no rows of their own; their partitions are listed.
SELECT n.nspname AS schema, c.relname AS name
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp%'
ORDER BY 1, 2
