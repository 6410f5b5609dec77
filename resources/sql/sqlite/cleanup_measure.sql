-- Dry run of one policy: the expired rows, their oldest and newest time; and the table's rows in all.
SELECT (SELECT count(*) FROM {table} WHERE {column} < {cutoff}),
       (SELECT min({column}) FROM {table} WHERE {column} < {cutoff}),
       (SELECT max({column}) FROM {table} WHERE {column} < {cutoff}),
       (SELECT count(*) FROM {table})
