-- Key columns of one index in order; an expression has no name.
SELECT coalesce(name, '<expr>') FROM pragma_index_info(?) ORDER BY seqno
