-- The audit trail in the console's own state file. A line "-- name: <key>" starts each statement; values
-- are bound by position.

-- name: schema
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, os_user TEXT NOT NULL,
    target TEXT NOT NULL, action TEXT NOT NULL, parameters TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')

-- name: chain_meta_schema
CREATE TABLE IF NOT EXISTS audit_chain (key TEXT PRIMARY KEY, value TEXT NOT NULL)

-- name: columns
PRAGMA table_info(audit)

-- name: add_prev_hash
ALTER TABLE audit ADD COLUMN prev_hash TEXT

-- name: add_hash
ALTER TABLE audit ADD COLUMN hash TEXT

-- name: set_meta
INSERT OR REPLACE INTO audit_chain (key, value) VALUES (?, ?)

-- name: meta
SELECT key, value FROM audit_chain

-- name: append
INSERT INTO audit (at, os_user, target, action, parameters, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)

-- name: last
SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1

-- name: seal
UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?

-- name: recent
SELECT id, at, os_user, target, action, parameters, outcome, detail, prev_hash, hash FROM audit
ORDER BY id DESC LIMIT ?

-- name: all
SELECT id, at, os_user, target, action, parameters, outcome, detail, prev_hash, hash FROM audit ORDER BY id
