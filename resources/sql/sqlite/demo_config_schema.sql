-- The dashboard's store (config/config.db): user settings and the watchlist, written by the Flask API.
-- Time columns: ISO-8601 UTC text with milliseconds, like trading.db.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE watchlist (
    symbol   TEXT PRIMARY KEY,
    added_at TEXT NOT NULL,
    notes    TEXT
);
