-- One batch in one statement (its own transaction): delete up to {limit} expired rows after the cursor (see
-- cleanup_batch_delete.sql) and insert exactly the deleted rows into the archive. Bound: cursor, cut-off.
WITH moved AS (
    DELETE FROM {table}
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM {table} WHERE ctid > CAST(? AS tid) AND {column} < {cutoff}
                            LIMIT {limit} FOR UPDATE SKIP LOCKED))
    RETURNING ctid, {columns}
), archived AS (
    INSERT INTO {archive} ({columns}{stamp_columns}) SELECT {columns}{stamp_values} FROM moved
)
SELECT count(*), max(ctid)::text FROM moved
