-- One table the operator named, resolved as PostgreSQL would (search_path): its quoted name, total size
-- with indexes and TOAST, and the live / dead row estimates of the statistics collector.
SELECT c.oid::regclass::text AS name,
       pg_total_relation_size(c.oid) AS bytes,
       coalesce(s.n_live_tup, -1) AS live_rows,
       coalesce(s.n_dead_tup, -1) AS dead_rows,
       c.relkind::text AS kind
FROM pg_class c
LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
WHERE c.oid = to_regclass(?)
