-- The demo bot's trading store (trading/trading.db), written as the bot's own numbered migrations.
-- dbops demo applies sections 001..012 (recording each in schema_migrations) and writes every section
-- to trading/migrations/<version>_<name>.sql, so 013..015 are pending.
--
-- Format: a line "-- migration: <version> <name>" starts a section. Comment lines are dropped, then statements
-- are split at a ";" that ends a line: so no triggers and no ";" at a line end inside a literal.
--
-- Time columns: ISO-8601 UTC text with milliseconds, 'YYYY-MM-DDTHH:MM:SS.sssZ' (fixed width, so text order
-- is time order); candles.open_time / close_time are integer epoch milliseconds, as exchanges send them.
--
-- Deliberate health defects, for the console's checks to find (fixed by nobody, or by a pending migration):
--   * duplicate index: idx_trades_symbol (002) and trades_symbol_idx (009) both cover trades(symbol);
--     pending 015 drops the second;
--   * unindexed foreign key: trades.order_id REFERENCES orders(id) has no index on trades(order_id)
--     (trades.position_id, the other foreign key, is indexed);
--   * table without a primary key: archived_market_data (010), an archive copy of market_data rows.

-- The migration runner's own bookkeeping, created before any migration runs.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

-- migration: 001 initial
CREATE TABLE orders (
    id                INTEGER PRIMARY KEY,
    exchange_order_id TEXT,
    symbol            TEXT NOT NULL,
    side              TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
    type              TEXT NOT NULL CHECK (type IN ('MARKET', 'LIMIT')),
    status            TEXT NOT NULL,
    price             REAL,
    quantity          REAL NOT NULL,
    filled_quantity   REAL NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE TABLE positions (
    id           INTEGER PRIMARY KEY,
    symbol       TEXT NOT NULL,
    side         TEXT NOT NULL CHECK (side IN ('LONG', 'SHORT')),
    quantity     REAL NOT NULL,
    entry_price  REAL NOT NULL,
    exit_price   REAL,
    realized_pnl REAL NOT NULL DEFAULT 0,
    status       TEXT NOT NULL DEFAULT 'OPEN',
    opened_at    TEXT NOT NULL,
    closed_at    TEXT
);
CREATE TABLE trades (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders(id),
    position_id  INTEGER REFERENCES positions(id) ON DELETE SET NULL,
    symbol       TEXT NOT NULL,
    side         TEXT NOT NULL,
    price        REAL NOT NULL,
    quantity     REAL NOT NULL,
    fee          REAL NOT NULL DEFAULT 0,
    realized_pnl REAL NOT NULL DEFAULT 0,
    timestamp    TEXT NOT NULL
);
CREATE TABLE balances (
    id         INTEGER PRIMARY KEY,
    asset      TEXT NOT NULL,
    free       REAL NOT NULL,
    locked     REAL NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);

-- migration: 002 trade_indexes
CREATE INDEX idx_trades_symbol ON trades(symbol);
CREATE INDEX idx_trades_timestamp ON trades(timestamp);
CREATE INDEX idx_orders_symbol_status ON orders(symbol, status);
CREATE INDEX idx_positions_status ON positions(status);

-- migration: 003 candles
CREATE TABLE candles (
    symbol       TEXT NOT NULL,
    interval     TEXT NOT NULL,
    open_time    INTEGER NOT NULL,
    open         REAL NOT NULL,
    high         REAL NOT NULL,
    low          REAL NOT NULL,
    close        REAL NOT NULL,
    volume       REAL NOT NULL,
    close_time   INTEGER NOT NULL,
    trades_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (symbol, interval, open_time)
);
CREATE INDEX idx_candles_open_time ON candles(open_time);

-- migration: 004 signals
CREATE TABLE signals (
    id          INTEGER PRIMARY KEY,
    symbol      TEXT NOT NULL,
    strategy    TEXT NOT NULL,
    signal_type TEXT NOT NULL CHECK (signal_type IN ('BUY', 'SELL', 'HOLD')),
    confidence  REAL NOT NULL,
    price       REAL NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX idx_signals_symbol_created ON signals(symbol, created_at);

-- migration: 005 error_logs
CREATE TABLE error_logs (
    id         INTEGER PRIMARY KEY,
    level      TEXT NOT NULL,
    source     TEXT NOT NULL,
    message    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX idx_error_logs_created_at ON error_logs(created_at);
CREATE INDEX idx_error_logs_level ON error_logs(level);

-- migration: 006 positions_mark_price
ALTER TABLE positions ADD COLUMN mark_price REAL;
ALTER TABLE positions ADD COLUMN unrealized_pnl REAL NOT NULL DEFAULT 0;

-- migration: 007 market_data
CREATE TABLE market_data (
    id        INTEGER PRIMARY KEY,
    symbol    TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    open      REAL NOT NULL,
    high      REAL NOT NULL,
    low       REAL NOT NULL,
    close     REAL NOT NULL,
    volume    REAL NOT NULL
);
CREATE INDEX idx_market_data_symbol_ts ON market_data(symbol, timestamp);

-- migration: 008 indication_states
CREATE TABLE indication_states (
    id            INTEGER PRIMARY KEY,
    symbol        TEXT NOT NULL,
    indicator     TEXT NOT NULL,
    value         REAL NOT NULL,
    state         TEXT NOT NULL,
    calculated_at TEXT NOT NULL,
    UNIQUE (symbol, indicator, calculated_at)
);
CREATE INDEX idx_indication_states_calculated_at ON indication_states(calculated_at);

-- migration: 009 trade_query_indexes
CREATE INDEX trades_symbol_idx ON trades(symbol);
CREATE INDEX idx_trades_position_id ON trades(position_id);
CREATE INDEX idx_orders_created_at ON orders(created_at);

-- migration: 010 market_data_archive
CREATE TABLE archived_market_data (
    id          INTEGER,
    symbol      TEXT NOT NULL,
    timestamp   TEXT NOT NULL,
    open        REAL NOT NULL,
    high        REAL NOT NULL,
    low         REAL NOT NULL,
    close       REAL NOT NULL,
    volume      REAL NOT NULL,
    archived_at TEXT NOT NULL
);
CREATE INDEX idx_archived_market_data_symbol_ts ON archived_market_data(symbol, timestamp);

-- migration: 011 orders_client_order_id
ALTER TABLE orders ADD COLUMN client_order_id TEXT;
CREATE UNIQUE INDEX idx_orders_client_order_id ON orders(client_order_id);

-- migration: 012 balances_asset_index
CREATE INDEX idx_balances_asset_updated ON balances(asset, updated_at);

-- migration: 013 trades_fee_asset
ALTER TABLE trades ADD COLUMN fee_asset TEXT;

-- migration: 014 funding_rates
CREATE TABLE funding_rates (
    symbol       TEXT NOT NULL,
    funding_time TEXT NOT NULL,
    rate         REAL NOT NULL,
    PRIMARY KEY (symbol, funding_time)
);

-- migration: 015 drop_duplicate_trades_symbol_index
DROP INDEX IF EXISTS trades_symbol_idx;
