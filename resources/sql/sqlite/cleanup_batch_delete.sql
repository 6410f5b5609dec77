-- One batch: delete up to {limit} expired rows.
DELETE FROM {table} WHERE {key} IN (SELECT {key_list} FROM {table} WHERE {column} < {cutoff} LIMIT {limit})
