-- WAL archiving, standbys and replication slots: what the health scan reads for its archive and replication
-- findings. One statement per "-- name:" line. On a standby pg_current_wal_lsn() fails, so the position
-- compared against is the replayed one there. No question mark and no apostrophe in these comments.

-- name: archiver
SELECT current_setting('archive_mode') AS archive_mode,
       a.archived_count,
       a.last_archived_wal,
       a.last_archived_time,
       extract(epoch FROM now() - a.last_archived_time)::float8 AS last_archived_age_s,
       a.failed_count,
       a.last_failed_wal,
       a.last_failed_time,
       CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_walfile_name(pg_current_wal_lsn()) END AS current_wal,
       (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size') AS wal_segment_bytes,
       pg_is_in_recovery() AS in_recovery
FROM pg_stat_archiver a

-- name: standbys
WITH here AS (
    SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END AS lsn
)
SELECT r.application_name,
       coalesce(host(r.client_addr), 'local') AS client,
       r.state,
       r.sync_state,
       pg_wal_lsn_diff(here.lsn, r.sent_lsn)::bigint AS sent_lag_bytes,
       pg_wal_lsn_diff(here.lsn, r.replay_lsn)::bigint AS replay_lag_bytes,
       extract(epoch FROM r.replay_lag)::float8 AS replay_lag_s
FROM pg_stat_replication r, here
ORDER BY r.application_name, r.pid

-- name: slots
WITH here AS (
    SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END AS lsn
)
SELECT s.slot_name,
       s.slot_type,
       s.database,
       s.active,
       s.wal_status,
       pg_wal_lsn_diff(here.lsn, s.restart_lsn)::bigint AS retained_bytes
FROM pg_replication_slots s, here
ORDER BY s.slot_name

-- name: standby_self
-- This server as a standby: WAL received but not yet replayed, and the age of the last replayed commit.
SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint AS replay_lag_bytes,
       extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS replay_lag_s,
       pg_last_xact_replay_timestamp() AS last_replayed_at
