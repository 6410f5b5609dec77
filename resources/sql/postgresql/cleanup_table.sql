-- Whether the table exists (bound: schema, name), and its kind ('r' ordinary, 'p' partitioned).
SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')
