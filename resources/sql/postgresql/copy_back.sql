-- compare --copy-back: one table of the live database given the rows of a side instance, in one transaction
-- (psql --single-transaction runs the prelude and the data together).

-- name: cascading_references
-- Foreign keys whose ON DELETE would reach into other tables when the rows are replaced: refused.
SELECT conrelid::regclass::text, conname
FROM pg_constraint
WHERE contype = 'f' AND confrelid = to_regclass(?) AND confdeltype IN ('c', 'n', 'd')

-- name: server_version
SELECT current_setting('server_version_num')::int / 10000

-- name: prelude
SET lock_timeout = {milliseconds};
DELETE FROM {table};
