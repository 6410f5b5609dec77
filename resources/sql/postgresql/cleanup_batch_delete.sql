-- One batch (its own transaction): delete up to {limit} expired rows, skipping rows the bot holds locked.
DELETE FROM {table}
WHERE ctid = ANY (ARRAY(SELECT ctid FROM {table} WHERE {column} < {cutoff} LIMIT {limit} FOR UPDATE SKIP LOCKED))
