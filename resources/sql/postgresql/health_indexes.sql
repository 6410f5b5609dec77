-- Every index of a user table with its key columns in order ('<expr>' for an expression), flags and use.
SELECT n.nspname, t.relname, ic.relname,
       array_to_string(ARRAY(SELECT coalesce(a.attname, '<expr>')
                             FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                             ORDER BY k.ord), ',') AS columns,
       i.indisunique, i.indisprimary, i.indpred IS NOT NULL AS partial, i.indisvalid,
       coalesce(s.idx_scan, 0) AS idx_scan, pg_relation_size(i.indexrelid) AS bytes
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY 1, 2, 3
