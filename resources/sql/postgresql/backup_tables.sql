-- Tables whose rows a PostgreSQL backup manifest counts: ordinary tables (partitions included, partitioned
-- parents hold no rows of their own) outside the system schemas and not owned by an extension. The oid is
-- what the TABLE DATA entry of the archive carries (verify matches by it: names may hold spaces or newlines).
SELECT n.nspname, c.relname, c.oid::bigint
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2
