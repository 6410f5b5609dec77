-- The scanner service's store (signals/signals.db): analytical signals, written by the scanner only.
-- Time columns: ISO-8601 UTC text with milliseconds, like trading.db.
CREATE TABLE signals (
    id         INTEGER PRIMARY KEY,
    symbol     TEXT NOT NULL,
    timeframe  TEXT NOT NULL,
    strategy   TEXT NOT NULL,
    direction  TEXT NOT NULL CHECK (direction IN ('LONG', 'SHORT', 'FLAT')),
    score      REAL NOT NULL,
    price      REAL NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX idx_signals_symbol_created ON signals(symbol, created_at);
CREATE INDEX idx_signals_created ON signals(created_at);
