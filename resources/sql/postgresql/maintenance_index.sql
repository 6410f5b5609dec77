-- One index the operator named: its quoted name and the table it belongs to.
SELECT i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS table_name
FROM pg_index i
WHERE i.indexrelid = to_regclass(?)
