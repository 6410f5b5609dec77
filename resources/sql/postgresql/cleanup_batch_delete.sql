-- One batch in one statement (its own transaction): delete up to {limit} expired rows after the cursor, in
-- physical order (a TID range scan: no batch re-reads the dead tuples earlier batches left), skipping rows
-- the bot holds locked; returns the rows deleted and the new cursor. Bound: cursor, cut-off.
WITH moved AS (
    DELETE FROM {table}
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM {table} WHERE ctid > CAST(? AS tid) AND {column} < {cutoff}
                            LIMIT {limit} FOR UPDATE SKIP LOCKED))
    RETURNING ctid
)
SELECT count(*), max(ctid)::text FROM moved
