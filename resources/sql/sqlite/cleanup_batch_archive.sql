-- One batch: copy up to {limit} expired rows into the archive (same transaction as the delete that follows;
-- the same subquery under the held write lock selects the same rows, and the counts are compared).
INSERT INTO {archive} ({columns}{stamp_columns})
SELECT {columns}{stamp_values} FROM {table}
WHERE {key} IN (SELECT {key_list} FROM {table} WHERE {column} < {cutoff} LIMIT {limit})
