-- Named statements of `dbops demo`: the generator's inserts (demo_*) and the simulated bot's writes and reads
-- (sim_*). A line "-- name: <name>" starts a statement; values are bound by position.

-- name: demo_insert_migration
INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)

-- name: demo_insert_candle
INSERT INTO candles (symbol, interval, open_time, open, high, low, close, volume, close_time, trades_count)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: demo_insert_market_data
INSERT INTO market_data (id, symbol, timestamp, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?)

-- name: demo_insert_archived_market_data
INSERT INTO archived_market_data (id, symbol, timestamp, open, high, low, close, volume, archived_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: demo_insert_indication_state
INSERT INTO indication_states (symbol, indicator, value, state, calculated_at) VALUES (?, ?, ?, ?, ?)

-- name: demo_insert_order
INSERT INTO orders (id, exchange_order_id, client_order_id, symbol, side, type, status, price, quantity,
                    filled_quantity, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: demo_insert_position
INSERT INTO positions (id, symbol, side, quantity, entry_price, exit_price, realized_pnl, status, opened_at,
                       closed_at, mark_price, unrealized_pnl)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: demo_insert_trade
INSERT INTO trades (id, order_id, position_id, symbol, side, price, quantity, fee, realized_pnl, timestamp)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)

-- name: demo_insert_balance
INSERT INTO balances (asset, free, locked, updated_at) VALUES (?, ?, ?, ?)

-- name: demo_insert_signal
INSERT INTO signals (symbol, strategy, signal_type, confidence, price, created_at) VALUES (?, ?, ?, ?, ?, ?)

-- name: demo_insert_error_log
INSERT INTO error_logs (level, source, message, created_at) VALUES (?, ?, ?, ?)

-- name: demo_insert_scanner_signal
INSERT INTO signals (symbol, timeframe, strategy, direction, score, price, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)

-- name: demo_insert_setting
INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)

-- name: demo_insert_watchlist
INSERT INTO watchlist (symbol, added_at, notes) VALUES (?, ?, ?)

-- name: demo_backup_into
VACUUM INTO ?

-- name: sim_symbols
SELECT DISTINCT symbol FROM market_data ORDER BY symbol

-- name: sim_latest_close
SELECT close FROM market_data WHERE symbol = ? ORDER BY timestamp DESC LIMIT 1

-- name: sim_insert_market_data
INSERT INTO market_data (symbol, timestamp, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?)

-- name: sim_insert_signal
INSERT INTO signals (symbol, strategy, signal_type, confidence, price, created_at) VALUES (?, ?, ?, ?, ?, ?)

-- name: sim_insert_order
INSERT INTO orders (exchange_order_id, client_order_id, symbol, side, type, status, price, quantity,
                    filled_quantity, created_at, updated_at)
VALUES (?, ?, ?, ?, 'MARKET', 'NEW', ?, ?, 0, ?, ?)

-- name: sim_open_position
SELECT id FROM positions WHERE symbol = ? AND status = 'OPEN' ORDER BY opened_at DESC LIMIT 1

-- name: sim_insert_trade
INSERT INTO trades (order_id, position_id, symbol, side, price, quantity, fee, realized_pnl, timestamp)
VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)

-- name: sim_fill_order
UPDATE orders SET status = 'FILLED', filled_quantity = quantity, updated_at = ? WHERE id = ?

-- name: sim_mark_positions
UPDATE positions
SET mark_price = ?,
    unrealized_pnl = round(CASE side WHEN 'LONG' THEN (? - entry_price) ELSE (entry_price - ?) END * quantity, 4)
WHERE symbol = ? AND status = 'OPEN'

-- name: sim_insert_error_log
INSERT INTO error_logs (level, source, message, created_at) VALUES (?, ?, ?, ?)

-- name: sim_read_open_positions
SELECT id, symbol, side, quantity, entry_price, mark_price, unrealized_pnl FROM positions WHERE status = 'OPEN'

-- name: sim_read_open_orders
SELECT id, symbol, side, price, quantity, created_at FROM orders WHERE status = 'NEW' ORDER BY created_at DESC
LIMIT 20

-- name: sim_read_recent_candles
SELECT open_time, close FROM candles WHERE symbol = ? AND interval = '5m' ORDER BY open_time DESC LIMIT 100

-- name: sim_read_recent_errors
SELECT level, count(*) FROM error_logs WHERE created_at >= ? GROUP BY level
