-- What one backend maintenance command is doing now (at most one row per command kind): VACUUM, ANALYZE,
-- CREATE INDEX / REINDEX. Read from the monitor session while the action session runs the command.
SELECT 'vacuum' AS command, phase, coalesce(relid::regclass::text, '') AS relation,
       heap_blks_scanned AS done, heap_blks_total AS total
FROM pg_stat_progress_vacuum WHERE pid = ?
UNION ALL
SELECT 'analyze', phase, coalesce(relid::regclass::text, ''), sample_blks_scanned, sample_blks_total
FROM pg_stat_progress_analyze WHERE pid = ?
UNION ALL
SELECT 'create_index', phase, coalesce(relid::regclass::text, ''),
       CASE WHEN blocks_total > 0 THEN blocks_done ELSE tuples_done END,
       CASE WHEN blocks_total > 0 THEN blocks_total ELSE tuples_total END
FROM pg_stat_progress_create_index WHERE pid = ?
