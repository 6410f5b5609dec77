-- A side instance (a cluster restored beside the live one): is it out of recovery, promoted; its newest commit.

-- name: in_recovery
SELECT pg_is_in_recovery()::int

-- name: last_replayed_commit
-- After the promotion it stays at the last transaction the recovery applied: the newest commit the instance holds
-- from the archive (NULL when the recovery replayed none).
SELECT to_char(pg_last_xact_replay_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
