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
