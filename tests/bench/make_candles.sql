-- A ~1.3 GiB / 10 M-row candle store for the backup benchmark (sqlite3 FILE < make_candles.sql).
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
CREATE TABLE candles (
    id         INTEGER PRIMARY KEY,
    symbol     TEXT    NOT NULL,
    timeframe  TEXT    NOT NULL,
    open_time  INTEGER NOT NULL,
    close_time INTEGER NOT NULL,
    open       REAL    NOT NULL,
    high       REAL    NOT NULL,
    low        REAL    NOT NULL,
    close      REAL    NOT NULL,
    volume     REAL    NOT NULL,
    UNIQUE (symbol, timeframe, open_time)
);
CREATE TABLE trades (
    id        INTEGER PRIMARY KEY,
    symbol    TEXT NOT NULL,
    price     REAL NOT NULL,
    quantity  REAL NOT NULL,
    timestamp TEXT NOT NULL
);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999999)
INSERT INTO candles (symbol, timeframe, open_time, close_time, open, high, low, close, volume)
SELECT 'SYM' || (i % 50) || 'USDT', '1m', 1600000000000 + (i / 50) * 60000, 1600000000000 + (i / 50) * 60000 + 59999,
       100.0 + (i % 997) * 0.013, 101.0 + (i % 991) * 0.017, 99.0 + (i % 983) * 0.011, 100.5 + (i % 977) * 0.019,
       (i % 100003) * 1.37
FROM n;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
