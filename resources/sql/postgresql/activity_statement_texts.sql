-- The texts of the given statements of the current database. Bind: the queryids as an array literal '{1,2}'.
SELECT queryid, min(query) AS query
FROM pg_stat_statements(true)
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND queryid = ANY (CAST(? AS bigint[]))
GROUP BY queryid
