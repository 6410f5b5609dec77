-- Per user table: estimated rows, dead tuples, sizes, vacuum / analyze times, scans, primary key present.
SELECT s.schemaname, s.relname, greatest(c.reltuples, 0)::bigint AS estimate, s.n_live_tup, s.n_dead_tup,
       pg_table_size(s.relid) AS table_bytes, pg_indexes_size(s.relid) AS index_bytes,
       s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
       s.seq_scan, coalesce(s.idx_scan, 0) AS idx_scan,
       EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = s.relid AND i.indisprimary) AS has_pk
FROM pg_stat_user_tables s
JOIN pg_class c ON c.oid = s.relid
ORDER BY s.schemaname <> 'public', s.schemaname, s.relname
