-- The audit trail in the console's own state file. A line "-- name: <key>" starts each statement; values
-- are bound by position.

-- name: schema
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, os_user TEXT NOT NULL,
    target TEXT NOT NULL, action TEXT NOT NULL, parameters TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')

-- name: append
INSERT INTO audit (at, os_user, target, action, parameters, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)

-- name: recent
SELECT id, at, os_user, target, action, parameters, outcome, detail FROM audit ORDER BY id DESC LIMIT ?
