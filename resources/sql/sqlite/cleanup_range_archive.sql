-- One batch of a rowid table: copy the expired rows of the batch's rowid range into the archive (bound: first,
-- last, cut-off); same transaction as the delete that follows, and the counts are compared.
INSERT INTO {archive} ({columns}{stamp_columns})
SELECT {columns}{stamp_values} FROM {table} WHERE rowid BETWEEN ? AND ? AND +{column} < {cutoff}
