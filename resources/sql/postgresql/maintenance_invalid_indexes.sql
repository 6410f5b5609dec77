-- Indexes left invalid on a table (a cancelled or failed REINDEX / CREATE INDEX CONCURRENTLY leaves
-- <name>_ccnew behind): named so the operator can drop them.
SELECT i.indexrelid::regclass::text
FROM pg_index i
WHERE i.indrelid = to_regclass(?) AND NOT i.indisvalid
