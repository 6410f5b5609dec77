-- pg_stat_statements counters of the current database (PostgreSQL 13+ column names), one row per queryid.
-- Without the statement texts: showtext => false spares reading the whole texts file, the costly part; the
-- texts of the rows shown come from activity_statement_texts, once per statement (the monitor keeps them).
-- Binds: the queryids to leave out as an array literal (the statements of the console itself, known by
-- their marked texts), order ('total' | 'mean' | 'calls'), limit (NULL: every row, for deltas against a baseline).
WITH s AS (
    SELECT queryid,
           sum(calls)::bigint AS calls,
           sum(total_exec_time) AS total_ms,
           sum(rows)::bigint AS rows,
           sum(shared_blks_hit)::bigint AS blks_hit,
           sum(shared_blks_read)::bigint AS blks_read
    FROM pg_stat_statements(false)
    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND NOT (queryid = ANY (CAST(? AS bigint[])))
    GROUP BY queryid
)
SELECT queryid, calls, total_ms, rows, blks_hit, blks_read, sum(total_ms) OVER () AS all_ms
FROM s
ORDER BY CASE CAST(? AS text)
             WHEN 'mean' THEN total_ms / greatest(calls, 1)
             WHEN 'calls' THEN calls::float8
             ELSE total_ms
         END DESC, queryid
LIMIT CAST(? AS bigint)
