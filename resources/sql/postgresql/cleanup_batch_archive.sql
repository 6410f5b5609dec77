-- One batch in one statement (its own transaction): delete up to {limit} expired rows, skipping rows the bot
-- holds locked, and insert exactly the deleted rows into the archive.
WITH moved AS (
    DELETE FROM {table}
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM {table} WHERE {column} < {cutoff} LIMIT {limit} FOR UPDATE SKIP LOCKED))
    RETURNING {columns}
)
INSERT INTO {archive} ({columns}{stamp_columns}) SELECT {columns}{stamp_values} FROM moved
