-- One value of the time column, to see how it writes time (epoch s/ms/µs or ISO text, and its shape).
SELECT {column} FROM {table} WHERE {column} IS NOT NULL LIMIT 1
