-- One batch of a rowid table: delete the expired rows of the batch's rowid range (bound: first, last, cut-off).
DELETE FROM {table} WHERE rowid BETWEEN ? AND ? AND +{column} < {cutoff}
