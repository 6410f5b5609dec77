-- The status board: checkpoints (timed against requested) over the window of the statistics, and WAL archiving.
-- name: checkpoints_bgwriter
-- PostgreSQL up to 16 count checkpoints in pg_stat_bgwriter.
SELECT checkpoints_timed AS timed, checkpoints_req AS requested,
       EXTRACT(EPOCH FROM now() - stats_reset)::bigint AS window_s
FROM pg_stat_bgwriter
-- name: checkpoints_checkpointer
-- PostgreSQL 17 and later have pg_stat_checkpointer.
SELECT num_timed AS timed, num_requested AS requested,
       EXTRACT(EPOCH FROM now() - stats_reset)::bigint AS window_s
FROM pg_stat_checkpointer
-- name: archiver
SELECT current_setting('archive_mode') AS archive_mode,
       failed_count,
       last_archived_time,
       last_failed_time
FROM pg_stat_archiver
