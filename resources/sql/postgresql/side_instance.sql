-- A side instance (a cluster restored beside the live one): is it out of recovery, promoted.

-- name: in_recovery
SELECT pg_is_in_recovery()::int
