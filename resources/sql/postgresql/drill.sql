-- The checks of a restore drill in the scratch database (ops/drillpg.cpp). A line "-- name: key" starts each.

-- name: foreign_keys
-- Foreign keys the restore re-created (each one checked against every row as it was added), and those
-- marked NOT VALID (never checked, in the source either).
SELECT count(*), count(*) FILTER (WHERE NOT convalidated) FROM pg_constraint WHERE contype = 'f'
