-- Foreign keys: child table, its key columns in order, parent table.
SELECT n.nspname, c.relname,
       array_to_string(ARRAY(SELECT a.attname
                             FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                             ORDER BY k.ord), ',') AS columns,
       rn.nspname, rc.relname
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class rc ON rc.oid = con.confrelid
JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype = 'f'
ORDER BY 1, 2, 3
