-- The lock-wait watchdog of a long client program (pg_restore): its session, found by the application_name
-- dbops gave it, and while it waits on a lock the session holding it up the longest.

-- name: watched
-- waiting: the session waits on a heavyweight lock now. The holder named is the blocking session in a
-- transaction the longest (the likely root of a queue); blockers counts all of them.
SELECT w.pid,
       coalesce(w.wait_event_type = 'Lock', false) AS waiting,
       h.pid AS holder_pid,
       h.application_name,
       h.state,
       extract(epoch FROM now() - h.state_change)::bigint AS state_s,
       h.blockers
FROM pg_stat_activity w
LEFT JOIN LATERAL (
    SELECT b.pid, b.application_name, b.state, b.state_change, cardinality(pg_blocking_pids(w.pid)) AS blockers
    FROM pg_stat_activity b
    WHERE w.wait_event_type = 'Lock' AND b.pid = ANY (pg_blocking_pids(w.pid))
    ORDER BY b.xact_start NULLS LAST, b.pid
    LIMIT 1) h ON true
WHERE w.application_name = ?
ORDER BY w.backend_start DESC
LIMIT 1

-- name: cancel
SELECT pg_cancel_backend(?)
