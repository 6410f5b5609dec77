-- Dry run of one policy: the expired rows, their oldest and newest time (one pass over the expired rows, or
-- over the time column's index when there is one); and the table's rows in all.
SELECT count(*), min({column}), max({column}), (SELECT count(*) FROM {table})
FROM {table}
WHERE {column} < {cutoff}
