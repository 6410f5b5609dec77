-- The alert state per watcher, target and rule in the console's own state file: what the last evaluation
-- found, so only a change of state fires an alert. Values are bound by position.

-- name: schema
CREATE TABLE IF NOT EXISTS alert_state (
    watcher TEXT NOT NULL, target TEXT NOT NULL, rule TEXT NOT NULL, state TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '', value TEXT NOT NULL DEFAULT '', since TEXT NOT NULL, checked TEXT NOT NULL,
    PRIMARY KEY (watcher, target, rule))

-- name: load
SELECT rule, state, reason, value, since, checked FROM alert_state WHERE watcher = ? AND target = ?

-- name: save
INSERT OR REPLACE INTO alert_state (watcher, target, rule, state, reason, value, since, checked)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)

-- The changes no notifier took (one per rule, the newest), sent again by the next evaluation; `event` is the
-- alert's JSON as the notifiers send it.
-- name: pending_schema
CREATE TABLE IF NOT EXISTS alert_pending (
    watcher TEXT NOT NULL, target TEXT NOT NULL, rule TEXT NOT NULL, event TEXT NOT NULL,
    PRIMARY KEY (watcher, target, rule))

-- name: pending_load
SELECT event FROM alert_pending WHERE watcher = ? AND target = ? ORDER BY rule

-- name: pending_save
INSERT OR REPLACE INTO alert_pending (watcher, target, rule, event) VALUES (?, ?, ?, ?)

-- name: pending_drop
DELETE FROM alert_pending WHERE watcher = ? AND target = ? AND rule = ?

-- Events owed longer than the cut-off (an ISO-8601 UTC moment, compared with their `at` in the same shape): sent
-- now they would be noise, and their target may not be watched any more.
-- name: pending_expired
SELECT event FROM alert_pending WHERE watcher = ? AND json_extract(event, '$.at') < ?

-- name: pending_expire
DELETE FROM alert_pending WHERE watcher = ? AND json_extract(event, '$.at') < ?
