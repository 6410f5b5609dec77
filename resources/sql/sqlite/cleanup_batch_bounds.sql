-- One batch of a rowid table: the rowid range of the next {limit} expired rows after the cursor (bound: cursor,
-- cut-off). "+column" keeps the scan on the table in rowid order (no index on the time column, no sort), and
-- the cursor keeps every batch from re-reading what earlier batches passed.
SELECT min(rowid), max(rowid), count(*)
FROM (SELECT rowid FROM {table} WHERE rowid > ? AND +{column} < {cutoff} ORDER BY rowid LIMIT {limit})
